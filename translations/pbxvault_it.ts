<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>ArchiveMembers</name>
    <message>
        <source>The file &quot;%1&quot; is missing.</source>
        <translation>Il file &quot;%1&quot; non è presente.</translation>
    </message>
    <message>
        <source>Cannot read the file &quot;%1&quot;: %2.</source>
        <translation>Impossibile leggere il file &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an archive PBX Vault can read.</source>
        <translation>&quot;%1&quot; non è un archivio che PBX Vault sa leggere.</translation>
    </message>
    <message>
        <source>The archive &quot;%1&quot; is damaged: %2.</source>
        <translation>L&apos;archivio &quot;%1&quot; è danneggiato: %2.</translation>
    </message>
    <message>
        <source>The archive &quot;%1&quot; has more than %2 files.</source>
        <translation>L&apos;archivio &quot;%1&quot; contiene più di %2 file.</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>Il confronto è stato annullato.</translation>
    </message>
</context>
<context>
    <name>Autostart</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossibile creare la cartella %1.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Cannot remove %1.</source>
        <translation>Impossibile rimuovere %1.</translation>
    </message>
    <message>
        <source>Cannot change the login items in the registry.</source>
        <translation>Impossibile modificare gli elementi di avvio nel registro.</translation>
    </message>
</context>
<context>
    <name>BackupAllCommand</name>
    <message>
        <source>--jobs needs a number from 1 to 64.</source>
        <translation>--jobs richiede un numero da 1 a 64.</translation>
    </message>
    <message>
        <source>No PBX is registered.</source>
        <translation>Nessuna centrale registrata.</translation>
    </message>
    <message>
        <source>Every PBX is disabled.</source>
        <translation>Tutte le centrali sono disattivate.</translation>
    </message>
    <message>
        <source>%1: backup %2 stored (%3)</source>
        <translation>%1: backup %2 salvato (%3)</translation>
    </message>
    <message>
        <source>%1 of %2 backups failed.</source>
        <translation>%1 backup su %2 non sono riusciti.</translation>
    </message>
</context>
<context>
    <name>BackupCommand</name>
    <message>
        <source>Backup %1 stored: %2 (%3)</source>
        <translation>Backup %1 salvato: %2 (%3)</translation>
    </message>
</context>
<context>
    <name>BackupReport</name>
    <message>
        <source>, verified intact.</source>
        <translation>, verificato e integro.</translation>
    </message>
    <message>
        <source>, checksum only (format not readable, content not checked).</source>
        <translation>, solo checksum (formato non leggibile, contenuto non controllato).</translation>
    </message>
    <message>
        <source>, verification: %1.</source>
        <translation>, verifica: %1.</translation>
    </message>
    <message numerus="yes">
        <source>Retention removed %n older backup(s).</source>
        <translation>
            <numerusform>La conservazione ha rimosso %n backup più vecchio.</numerusform>
            <numerusform>La conservazione ha rimosso %n backup più vecchi.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Copied to %n off-site target(s), verified.</source>
        <translation>
            <numerusform>Copiato su %n destinazione esterna e verificato.</numerusform>
            <numerusform>Copiato su %n destinazioni esterne e verificato.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n off-site copy(ies) failed (retried at the next backup or with `pbxvault target sync`): %1</source>
        <translation>
            <numerusform>%n copia esterna non è riuscita (nuovo tentativo al prossimo backup o con `pbxvault target sync`): %1</numerusform>
            <numerusform>%n copie esterne non sono riuscite (nuovo tentativo al prossimo backup o con `pbxvault target sync`): %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BackupStore</name>
    <message>
        <source>Cannot seek in the file.</source>
        <translation>Impossibile spostarsi nel file.</translation>
    </message>
    <message>
        <source>unknown archive error</source>
        <translation>errore sconosciuto dell&apos;archivio</translation>
    </message>
    <message>
        <source>The archive is damaged: %1.</source>
        <translation>L&apos;archivio è danneggiato: %1.</translation>
    </message>
    <message>
        <source>No recorded checksum to compare with (the file&apos;s is %1).</source>
        <translation>Nessun checksum registrato con cui confrontare (quello del file è %1).</translation>
    </message>
    <message>
        <source>Checksum mismatch: expected %1, got %2.</source>
        <translation>Il checksum non corrisponde: atteso %1, ottenuto %2.</translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot;: %2.</source>
        <translation>Impossibile creare la cartella &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Refusing to write to &quot;%1&quot;: it leads outside the backup folder.</source>
        <translation>Scrittura in &quot;%1&quot; rifiutata: porta fuori dalla cartella dei backup.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a file.</source>
        <translation>&quot;%1&quot; non è un file.</translation>
    </message>
    <message>
        <source>Cannot open &quot;%1&quot;: %2.</source>
        <translation>Impossibile aprire &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Cannot read &quot;%1&quot;: %2.</source>
        <translation>Impossibile leggere &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Refusing to delete &quot;%1&quot;: it is not inside the backup folder %2.</source>
        <translation>Eliminazione di &quot;%1&quot; rifiutata: non si trova nella cartella dei backup %2.</translation>
    </message>
    <message>
        <source>Cannot delete &quot;%1&quot;: %2.</source>
        <translation>Impossibile eliminare &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Cannot read the file &quot;%1&quot;: %2.</source>
        <translation>Impossibile leggere il file &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>The file is not an archive PBX Vault can read.</source>
        <translation>Il file non è un archivio che PBX Vault sa leggere.</translation>
    </message>
    <message>
        <source>The archive has more than %1 files.</source>
        <translation>L&apos;archivio contiene più di %1 file.</translation>
    </message>
    <message>
        <source>The archive has no file named &quot;%1&quot;.</source>
        <translation>L&apos;archivio non contiene alcun file di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>the compressed data is corrupt (%1)</source>
        <translation>i dati compressi sono corrotti (%1)</translation>
    </message>
    <message>
        <source>the compressed data is truncated</source>
        <translation>i dati compressi sono troncati</translation>
    </message>
    <message>
        <source>Cannot create a file in &quot;%1&quot;: %2.</source>
        <translation>Impossibile creare un file in &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Cannot create a temporary file in &quot;%1&quot;.</source>
        <translation>Impossibile creare un file temporaneo in &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The backup file was already saved or discarded.</source>
        <translation>Il file di backup è già stato salvato o scartato.</translation>
    </message>
    <message>
        <source>Could not save the backup file &quot;%1&quot; to disk: %2.</source>
        <translation>Impossibile salvare su disco il file di backup &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Could not give the backup file its final name &quot;%1&quot;: %2.</source>
        <translation>Impossibile dare al file di backup il nome definitivo &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>Too many files named like &quot;%1&quot;.</source>
        <translation>Troppi file con un nome simile a &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>Could not write the backup file &quot;%1&quot;: %2.</source>
        <translation>Impossibile scrivere il file di backup &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>the zip file has no central directory (it may be truncated)</source>
        <translation>il file zip non ha una directory centrale (potrebbe essere troncato)</translation>
    </message>
    <message>
        <source>it expands beyond %1 when decompressed, the most read from a file of this size; reading stopped</source>
        <translation>una volta decompresso supera %1, il massimo che si legge da un file di queste dimensioni; lettura interrotta</translation>
    </message>
    <message>
        <source>the file ends too early</source>
        <translation>il file termina prima del previsto</translation>
    </message>
    <message>
        <source>The file is not an archive PBX Vault can read, so only its checksum was checked, not its content.</source>
        <translation>Il file non è un archivio che PBX Vault sa leggere, quindi è stato controllato solo il checksum, non il contenuto.</translation>
    </message>
    <message>
        <source>The archive reads completely but holds no files.</source>
        <translation>L&apos;archivio si legge per intero ma non contiene alcun file.</translation>
    </message>
    <message numerus="yes">
        <source>The archive reads completely (%n file(s)).</source>
        <translation>
            <numerusform>L&apos;archivio si legge per intero (%n file).</numerusform>
            <numerusform>L&apos;archivio si legge per intero (%n file).</numerusform>
        </translation>
    </message>
    <message>
        <source>The file is empty.</source>
        <translation>Il file è vuoto.</translation>
    </message>
    <message>
        <source>Checksum matches.</source>
        <translation>Il checksum corrisponde.</translation>
    </message>
    <message>
        <source>The file &quot;%1&quot; is missing.</source>
        <translation>Il file &quot;%1&quot; non è presente.</translation>
    </message>
    <message>
        <source>Encryption must be set before the backup file is written.</source>
        <translation>La cifratura deve essere impostata prima di scrivere il file di backup.</translation>
    </message>
    <message>
        <source>Could not write the backup file &quot;%1&quot;: %2</source>
        <translation>Impossibile scrivere il file di backup &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Cannot replace &quot;%1&quot;: %2.</source>
        <translation>Impossibile sostituire &quot;%1&quot;: %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not inside the backup folder %2.</source>
        <translation>&quot;%1&quot; non si trova nella cartella dei backup %2.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not match its recorded checksum; it was left as it is.</source>
        <translation>&quot;%1&quot; non corrisponde al checksum registrato; è stato lasciato com&apos;è.</translation>
    </message>
    <message>
        <source>The encrypted copy of &quot;%1&quot; does not read back right; the file was left as it is. %2</source>
        <translation>La copia cifrata di &quot;%1&quot; non viene riletta correttamente; il file è stato lasciato com&apos;è. %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; does not match its recorded checksum.</source>
        <translation>&quot;%1&quot; non corrisponde al checksum registrato.</translation>
    </message>
    <message>
        <source>Cannot write: %1.</source>
        <translation>Impossibile scrivere: %1.</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>Cannot create the folder of the catalog %1.</source>
        <translation>Impossibile creare la cartella del catalogo %1.</translation>
    </message>
    <message>
        <source>The catalog %1 is damaged: it has no id.</source>
        <translation>Il catalogo %1 è danneggiato: non ha un identificativo.</translation>
    </message>
    <message>
        <source>A PBX needs a name.</source>
        <translation>Una centrale deve avere un nome.</translation>
    </message>
    <message>
        <source>The URL of a PBX must not contain a password; the password is kept in the system keychain.</source>
        <translation>L&apos;URL di una centrale non deve contenere una password; la password è custodita nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>A PBX named &quot;%1&quot; already exists.</source>
        <translation>Esiste già una centrale di nome &quot;%1&quot;.</translation>
    </message>
    <message numerus="yes">
        <source>The PBX &quot;%1&quot; still has %n backup(s) in the catalog; delete them before removing the PBX.</source>
        <translation>
            <numerusform>La centrale &quot;%1&quot; ha ancora %n backup nel catalogo; eliminalo prima di rimuovere la centrale.</numerusform>
            <numerusform>La centrale &quot;%1&quot; ha ancora %n backup nel catalogo; eliminali prima di rimuovere la centrale.</numerusform>
        </translation>
    </message>
    <message>
        <source>There is no PBX named &quot;%1&quot;.</source>
        <translation>Non esiste alcuna centrale di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>A backup needs a file name.</source>
        <translation>Un backup deve avere un nome di file.</translation>
    </message>
    <message>
        <source>The SQLite driver of Qt (QSQLITE) is not available.</source>
        <translation>Il driver SQLite di Qt (QSQLITE) non è disponibile.</translation>
    </message>
    <message>
        <source>Cannot open the catalog %1: %2</source>
        <translation>Impossibile aprire il catalogo %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a PBX Vault catalog or is damaged: %2</source>
        <translation>%1 non è un catalogo di PBX Vault oppure è danneggiato: %2</translation>
    </message>
    <message>
        <source>This SQLite library cannot enforce foreign keys; the catalog needs them.</source>
        <translation>Questa libreria SQLite non supporta le chiavi esterne, necessarie al catalogo.</translation>
    </message>
    <message>
        <source>Cannot switch the catalog to write-ahead logging: %1</source>
        <translation>Impossibile attivare il write-ahead logging sul catalogo: %1</translation>
    </message>
    <message>
        <source>There is no restore with id %1.</source>
        <translation>Non esiste alcun ripristino con id %1.</translation>
    </message>
    <message>
        <source>PBX Vault stopped before this finished.</source>
        <translation>PBX Vault si è chiuso prima che l&apos;operazione terminasse.</translation>
    </message>
    <message>
        <source>There is no job with id %1.</source>
        <translation>Non esiste alcun&apos;attività con id %1.</translation>
    </message>
    <message>
        <source>Another job is working on the PBX &quot;%1&quot; (%2, since %3).</source>
        <translation>Un&apos;altra attività sta lavorando sulla centrale &quot;%1&quot; (%2, dalle %3).</translation>
    </message>
    <message>
        <source>%1 is an SQLite database but not a PBX Vault catalog.</source>
        <translation>%1 è un database SQLite ma non un catalogo di PBX Vault.</translation>
    </message>
    <message>
        <source>Cannot read the catalog version: %1</source>
        <translation>Impossibile leggere la versione del catalogo: %1</translation>
    </message>
    <message>
        <source>The catalog %1 is damaged: its version is missing.</source>
        <translation>Il catalogo %1 è danneggiato: manca la versione.</translation>
    </message>
    <message>
        <source>This catalog was written by a newer PBX Vault (schema %1; this version understands up to %2). Update PBX Vault to open it.</source>
        <translation>Questo catalogo è stato scritto da un PBX Vault più recente (schema %1; questa versione arriva fino al %2). Aggiorna PBX Vault per aprirlo.</translation>
    </message>
    <message>
        <source>Cannot copy the catalog to %1 before upgrading it: %2</source>
        <translation>Impossibile copiare il catalogo in %1 prima di aggiornarlo: %2</translation>
    </message>
    <message>
        <source>Cannot upgrade the catalog from schema %1 to %2 (step %3, %4): %5. The file is unchanged.</source>
        <translation>Impossibile aggiornare il catalogo dallo schema %1 al %2 (passo %3, %4): %5. Il file non è stato modificato.</translation>
    </message>
    <message>
        <source>Cannot upgrade the catalog: %1</source>
        <translation>Impossibile aggiornare il catalogo: %1</translation>
    </message>
    <message>
        <source>Catalog database error: %1</source>
        <translation>Errore del database del catalogo: %1</translation>
    </message>
    <message>
        <source>The catalog is busy: %1</source>
        <translation>Il catalogo è occupato: %1</translation>
    </message>
    <message>
        <source>Cannot save to the catalog: %1</source>
        <translation>Impossibile salvare nel catalogo: %1</translation>
    </message>
    <message>
        <source>There is no PBX with id %1.</source>
        <translation>Non esiste alcuna centrale con id %1.</translation>
    </message>
    <message>
        <source>There is no backup with id %1.</source>
        <translation>Non esiste alcun backup con id %1.</translation>
    </message>
    <message>
        <source>The catalog %1 does not exist.</source>
        <translation>Il catalogo %1 non esiste.</translation>
    </message>
    <message>
        <source>The vault is already encrypted with the key %1.</source>
        <translation>Il vault è già cifrato con la chiave %1.</translation>
    </message>
    <message>
        <source>A copy target needs a name.</source>
        <translation>Una destinazione di copia deve avere un nome.</translation>
    </message>
    <message>
        <source>A copy target needs a location.</source>
        <translation>Una destinazione di copia deve avere una posizione.</translation>
    </message>
    <message>
        <source>The location of a copy target must not contain a password; the password is kept in the system keychain.</source>
        <translation>La posizione di una destinazione di copia non deve contenere una password; la password è custodita nel portachiavi di sistema.</translation>
    </message>
    <message>
        <source>A copy target named &quot;%1&quot; already exists.</source>
        <translation>Esiste già una destinazione di copia di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>There is no copy target with id %1.</source>
        <translation>Non esiste alcuna destinazione di copia con id %1.</translation>
    </message>
    <message>
        <source>There is no copy target named &quot;%1&quot;.</source>
        <translation>Non esiste alcuna destinazione di copia di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>The backup %1 has no copy on the target %2.</source>
        <translation>Il backup %1 non ha alcuna copia sulla destinazione %2.</translation>
    </message>
    <message>
        <source>The PostgreSQL driver of Qt (QPSQL) is not installed; on Debian and Ubuntu install the package libqt6sql6-psql.</source>
        <translation>Il driver PostgreSQL di Qt (QPSQL) non è installato; su Debian e Ubuntu installa il pacchetto libqt6sql6-psql.</translation>
    </message>
    <message>
        <source>The catalog address is not a valid postgresql:// URI.</source>
        <translation>L&apos;indirizzo del catalogo non è un URI postgresql:// valido.</translation>
    </message>
    <message>
        <source>The catalog address must not contain a password; PBX Vault takes it from the system keychain or from PGPASSFILE.</source>
        <translation>L&apos;indirizzo del catalogo non deve contenere una password; PBX Vault la legge dal portachiavi di sistema o da PGPASSFILE.</translation>
    </message>
    <message>
        <source>The catalog address has an invalid port: %1.</source>
        <translation>L&apos;indirizzo del catalogo ha una porta non valida: %1.</translation>
    </message>
    <message>
        <source>The PostgreSQL database %1 holds other tables but no PBX Vault catalog.</source>
        <translation>Il database PostgreSQL %1 contiene altre tabelle ma nessun catalogo di PBX Vault.</translation>
    </message>
    <message>
        <source>Cannot watch the catalog %1: %2</source>
        <translation>Impossibile monitorare il catalogo %1: %2</translation>
    </message>
    <message>
        <source>The catalog address names no database.</source>
        <translation>L&apos;indirizzo del catalogo non indica alcun database.</translation>
    </message>
    <message>
        <source>The catalog address is not a postgresql:// URI.</source>
        <translation>L&apos;indirizzo del catalogo non è un URI postgresql://.</translation>
    </message>
    <message>
        <source>The shared store &quot;%1&quot; is not mapped on this computer.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è associato a una cartella su questo computer.</translation>
    </message>
    <message>
        <source>%1 is not inside the shared store &quot;%2&quot; (%3).</source>
        <translation>%1 non si trova nell&apos;archivio condiviso &quot;%2&quot; (%3).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot name a store: use 1 to 64 letters, digits, &apos;.&apos;, &apos;_&apos; or &apos;-&apos;, not starting with &apos;.&apos;.</source>
        <translation>&quot;%1&quot; non può essere il nome di un archivio: usa da 1 a 64 lettere, cifre, &apos;.&apos;, &apos;_&apos; o &apos;-&apos;, senza iniziare con &apos;.&apos;.</translation>
    </message>
</context>
<context>
    <name>CatalogCopy</name>
    <message>
        <source>The catalog %1 is busy: %2</source>
        <translation>Il catalogo %1 è occupato: %2</translation>
    </message>
    <message>
        <source>Cannot read the catalog %1: %2</source>
        <translation>Impossibile leggere il catalogo %1: %2</translation>
    </message>
    <message>
        <source>The catalog %1 cannot be copied onto itself.</source>
        <translation>Il catalogo %1 non può essere copiato su se stesso.</translation>
    </message>
    <message>
        <source>The catalogs have different schemas (%1 has schema %2, %3 schema %4; this version copies schema %5). Open both with the same PBX Vault first.</source>
        <translation>I cataloghi hanno schemi diversi (%1 ha lo schema %2, %3 lo schema %4; questa versione copia lo schema %5). Apri prima entrambi con la stessa versione di PBX Vault.</translation>
    </message>
    <message>
        <source>The catalog %1 holds a table this version cannot copy (%2).</source>
        <translation>Il catalogo %1 contiene una tabella che questa versione non sa copiare (%2).</translation>
    </message>
    <message>
        <source>The table %1 differs between the catalogs %2 and %3.</source>
        <translation>La tabella %1 è diversa tra i cataloghi %2 e %3.</translation>
    </message>
    <message>
        <source>it has no catalog id</source>
        <translation>non ha un identificativo di catalogo</translation>
    </message>
    <message>
        <source>The catalog %1 is not empty (it holds %2). A catalog is copied only into a new, empty one; nothing was changed.</source>
        <translation>Il catalogo %1 non è vuoto (contiene %2). Un catalogo viene copiato solo in uno nuovo e vuoto; non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>table %1: %2</source>
        <translation>tabella %1: %2</translation>
    </message>
    <message>
        <source>The copy of the table %1 does not match: %2 rows (id sum %3) in %4, %5 rows (id sum %6) in %7. Nothing was copied.</source>
        <translation>La copia della tabella %1 non corrisponde: %2 righe (somma degli id %3) in %4, %5 righe (somma degli id %6) in %7. Non è stato copiato nulla.</translation>
    </message>
    <message>
        <source>The catalog id or settings did not arrive intact in %1. Nothing was copied.</source>
        <translation>L&apos;identificativo o le impostazioni del catalogo non sono arrivati integri in %1. Non è stato copiato nulla.</translation>
    </message>
    <message>
        <source>Cannot copy into the catalog %1: %2. Nothing was written to it.</source>
        <translation>Impossibile copiare nel catalogo %1: %2. Non vi è stato scritto nulla.</translation>
    </message>
    <message>
        <source>an encryption key</source>
        <translation>una chiave di cifratura</translation>
    </message>
</context>
<context>
    <name>CatalogCopyCommand</name>
    <message>
        <source>catalog copy needs --to LOCATION.</source>
        <translation>catalog copy richiede --to POSIZIONE.</translation>
    </message>
    <message numerus="yes">
        <source>Catalog %1 copied to %2: %n backup(s), every table&apos;s rows checked.</source>
        <translation>
            <numerusform>Catalogo %1 copiato in %2: %n backup, righe di ogni tabella verificate.</numerusform>
            <numerusform>Catalogo %1 copiato in %2: %n backup, righe di ogni tabella verificate.</numerusform>
        </translation>
    </message>
    <message>
        <source>Use it with --catalog %1 (the backup files stay where they are).</source>
        <translation>Usalo con --catalog %1 (i file dei backup restano dove sono).</translation>
    </message>
</context>
<context>
    <name>CatalogLoginCommand</name>
    <message>
        <source>catalog login reads the password from stdin; it was empty.</source>
        <translation>catalog login legge la password da stdin, che era vuoto.</translation>
    </message>
    <message>
        <source>%1 did not accept the connection: %2 Nothing was stored in the keychain.</source>
        <translation>%1 non ha accettato la connessione: %2 Nel portachiavi non è stato memorizzato nulla.</translation>
    </message>
    <message>
        <source>The server accepted the password, but the keychain did not store it: %1</source>
        <translation>Il server ha accettato la password, ma il portachiavi non l&apos;ha memorizzata: %1</translation>
    </message>
    <message>
        <source>The password for %1 is stored in the keychain; use the catalog with --catalog %2.</source>
        <translation>La password per %1 è memorizzata nel portachiavi; usa il catalogo con --catalog %2.</translation>
    </message>
</context>
<context>
    <name>CatalogLogoutCommand</name>
    <message>
        <source>The keychain could not remove the password: %1</source>
        <translation>Il portachiavi non ha potuto rimuovere la password: %1</translation>
    </message>
    <message>
        <source>The keychain keeps no password for %1 now.</source>
        <translation>Ora il portachiavi non custodisce alcuna password per %1.</translation>
    </message>
</context>
<context>
    <name>CatalogOpenPrompt</name>
    <message>
        <source>PBX Vault</source>
        <translation>PBX Vault</translation>
    </message>
    <message>
        <source>PBX Vault cannot open its catalog on %1.</source>
        <translation>PBX Vault non riesce ad aprire il suo catalogo su %1.</translation>
    </message>
    <message>
        <source>%1

Nothing is written to another catalog unless you choose so: retry when the server is back, change the server or its password, or use the local catalog in the data directory from now on (Settings → Catalog switches back).</source>
        <translation>%1

Non viene scritto nulla in un altro catalogo se non lo scegli tu: riprova quando il server torna disponibile, cambia il server o la sua password, oppure usa da ora in poi il catalogo locale nella cartella dei dati (Impostazioni → Catalogo per tornare indietro).</translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation>&amp;Riprova</translation>
    </message>
    <message>
        <source>Use the &amp;local catalog</source>
        <translation>Usa il catalogo &amp;locale</translation>
    </message>
    <message>
        <source>Catalog &amp;settings…</source>
        <translation>&amp;Impostazioni del catalogo…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Esci</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>The command to run.</source>
        <translation>Il comando da eseguire.</translation>
    </message>
    <message>
        <source>(see pbxvault --help)</source>
        <translation>(vedi pbxvault --help)</translation>
    </message>
    <message>
        <source>There is no PBX named &quot;%1&quot;.</source>
        <translation>Non esiste alcuna centrale di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a backup id.</source>
        <translation>&quot;%1&quot; non è un id di backup.</translation>
    </message>
    <message>
        <source>There is no backup with id %1.</source>
        <translation>Non esiste alcun backup con id %1.</translation>
    </message>
    <message>
        <source>not verified yet</source>
        <translation>non ancora verificato</translation>
    </message>
    <message>
        <source>intact</source>
        <translation>integro</translation>
    </message>
    <message>
        <source>checksum only — format not readable, content not checked</source>
        <translation>solo checksum — formato non leggibile, contenuto non controllato</translation>
    </message>
    <message>
        <source>corrupt</source>
        <translation>corrotto</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mancante</translation>
    </message>
    <message>
        <source>register a PBX; the password is read from stdin</source>
        <translation>registra una centrale; la password viene letta da stdin</translation>
    </message>
    <message>
        <source>list the PBXs: name, address, role, schedule</source>
        <translation>elenca le centrali: nome, indirizzo, ruolo, pianificazione</translation>
    </message>
    <message>
        <source>show one PBX</source>
        <translation>mostra una centrale</translation>
    </message>
    <message>
        <source>connect, log in and report the firmware</source>
        <translation>si connette, accede e indica la versione del firmware</translation>
    </message>
    <message>
        <source>trust the certificate the PBX presents; replacing a pinned certificate needs --trust-fingerprint</source>
        <translation>considera attendibile il certificato presentato dalla centrale; per sostituire un certificato già fissato serve --trust-fingerprint</translation>
    </message>
    <message>
        <source>remove a PBX from the registry</source>
        <translation>rimuove una centrale da quelle registrate</translation>
    </message>
    <message>
        <source>back the PBX up now, verify and catalogue the backup, apply its retention</source>
        <translation>esegue subito il backup della centrale, verifica e cataloga il backup, applica la conservazione</translation>
    </message>
    <message>
        <source>back up every enabled PBX, --jobs at a time (default: the Settings value)</source>
        <translation>esegue il backup di tutte le centrali attive, --jobs alla volta (predefinito: il valore delle Impostazioni)</translation>
    </message>
    <message>
        <source>list the backups in the catalog</source>
        <translation>elenca i backup nel catalogo</translation>
    </message>
    <message>
        <source>show one backup and the files inside it</source>
        <translation>mostra un backup e i file che contiene</translation>
    </message>
    <message>
        <source>check a backup file: checksum, then a full read</source>
        <translation>controlla un file di backup: checksum, poi lettura completa</translation>
    </message>
    <message>
        <source>check every backup file</source>
        <translation>controlla tutti i file di backup</translation>
    </message>
    <message>
        <source>restore a backup onto a PBX, after a safety backup of it</source>
        <translation>ripristina un backup su una centrale, dopo averne eseguito un backup di sicurezza</translation>
    </message>
    <message>
        <source>the history of restores</source>
        <translation>lo storico dei ripristini</translation>
    </message>
    <message>
        <source>delete a backup from the catalog and the disk</source>
        <translation>elimina un backup dal catalogo e dal disco</translation>
    </message>
    <message>
        <source>add a backup file taken elsewhere; a file whose format PBX Vault cannot read needs --unverified and is marked &quot;checksum only&quot;</source>
        <translation>aggiunge un file di backup eseguito altrove; un file il cui formato PBX Vault non sa leggere richiede --unverified e viene contrassegnato come &quot;solo checksum&quot;</translation>
    </message>
    <message>
        <source>the job log</source>
        <translation>il registro delle attività</translation>
    </message>
    <message>
        <source>run the backup schedules with no window; SIGTERM stops it once running jobs have finished</source>
        <translation>esegue le pianificazioni dei backup senza finestra; SIGTERM lo arresta quando le attività in corso sono terminate</translation>
    </message>
    <message>
        <source>run the scheduled backups that are due now (missed ones once) and exit, for system cron</source>
        <translation>esegue i backup pianificati in scadenza ora (quelli saltati una volta sola) ed esce, per il cron di sistema</translation>
    </message>
    <message>
        <source>Use DIR for the catalog, the backups and the settings.</source>
        <translation>Usa DIR per il catalogo, i backup e le impostazioni.</translation>
    </message>
    <message>
        <source>Print one JSON document on stdout.</source>
        <translation>Stampa un unico documento JSON su stdout.</translation>
    </message>
    <message>
        <source>Give up on a PBX that sends nothing for SECONDS (default 30).</source>
        <translation>Rinuncia a una centrale che non invia nulla per SECONDS secondi (predefinito 30).</translation>
    </message>
    <message>
        <source>address of the PBX (https://host[:port]).</source>
        <translation>indirizzo della centrale (https://host[:port]).</translation>
    </message>
    <message>
        <source>PBX user name.</source>
        <translation>nome utente della centrale.</translation>
    </message>
    <message>
        <source>read the password from stdin (it is never given on the command line).</source>
        <translation>legge la password da stdin (non viene mai passata sulla riga di comando).</translation>
    </message>
    <message>
        <source>tenant domain (default &quot;default&quot;).</source>
        <translation>dominio del tenant (predefinito &quot;default&quot;).</translation>
    </message>
    <message>
        <source>master or secondary.</source>
        <translation>master o secondary.</translation>
    </message>
    <message>
        <source>periodic backups, 5-field cron expression.</source>
        <translation>backup periodici, espressione cron a 5 campi.</translation>
    </message>
    <message>
        <source>keep the last N backups.</source>
        <translation>conserva gli ultimi N backup.</translation>
    </message>
    <message>
        <source>keep backups for N days.</source>
        <translation>conserva i backup per N giorni.</translation>
    </message>
    <message>
        <source>accept the certificate with this SHA-256 fingerprint.</source>
        <translation>accetta il certificato con questa impronta SHA-256.</translation>
    </message>
    <message>
        <source>also delete the PBX&apos;s backups.</source>
        <translation>elimina anche i backup della centrale.</translation>
    </message>
    <message>
        <source>comment stored with the backup.</source>
        <translation>commento salvato con il backup.</translation>
    </message>
    <message>
        <source>every enabled PBX / every backup.</source>
        <translation>tutte le centrali attive / tutti i backup.</translation>
    </message>
    <message>
        <source>PBXs backed up at once (default: Settings, concurrent jobs).</source>
        <translation>centrali di cui eseguire il backup contemporaneamente (predefinito: Impostazioni, Attività simultanee).</translation>
    </message>
    <message>
        <source>accept a file whose format PBX Vault cannot read; only its checksum is checked and it is marked &quot;checksum only&quot;.</source>
        <translation>accetta un file il cui formato PBX Vault non sa leggere; viene controllato solo il checksum e il file viene contrassegnato come &quot;solo checksum&quot;.</translation>
    </message>
    <message>
        <source>do not back up the target before restoring.</source>
        <translation>non esegue il backup della destinazione prima del ripristino.</translation>
    </message>
    <message>
        <source>allow a backup from newer firmware.</source>
        <translation>consente un backup proveniente da un firmware più recente.</translation>
    </message>
    <message>
        <source>also delete the copy stored on the PBX.</source>
        <translation>elimina anche la copia conservata sulla centrale.</translation>
    </message>
    <message>
        <source>wait SECONDS before retrying a transient failure, doubling each time (default 60).</source>
        <translation>attende SECONDS secondi prima di ritentare dopo un errore temporaneo, raddoppiando ogni volta (predefinito 60).</translation>
    </message>
    <message>
        <source>success</source>
        <translation>successo</translation>
    </message>
    <message>
        <source>other failure</source>
        <translation>altro errore</translation>
    </message>
    <message>
        <source>the command line is wrong</source>
        <translation>la riga di comando è errata</translation>
    </message>
    <message>
        <source>no such PBX or backup</source>
        <translation>centrale o backup inesistente</translation>
    </message>
    <message>
        <source>the PBX is disabled</source>
        <translation>la centrale è disattivata</translation>
    </message>
    <message>
        <source>the PBX is busy: another job (maybe another process) holds it</source>
        <translation>la centrale è occupata: la sta usando un&apos;altra attività (forse di un altro processo)</translation>
    </message>
    <message>
        <source>the keychain could not be used</source>
        <translation>non è stato possibile usare il portachiavi</translation>
    </message>
    <message>
        <source>PBX error: unreachable, refused, authentication, certificate or protocol</source>
        <translation>errore della centrale: irraggiungibile, connessione rifiutata, autenticazione, certificato o protocollo</translation>
    </message>
    <message>
        <source>local disk: write error, disk full or missing folder</source>
        <translation>disco locale: errore di scrittura, disco pieno o cartella mancante</translation>
    </message>
    <message>
        <source>the catalog could not be read or written</source>
        <translation>non è stato possibile leggere o scrivere il catalogo</translation>
    </message>
    <message>
        <source>the backup is corrupt or missing (verify found it damaged, restore refused it)</source>
        <translation>il backup è corrotto o mancante (verify lo ha trovato danneggiato, restore lo ha rifiutato)</translation>
    </message>
    <message>
        <source>the file is not a backup PBX Vault can read (import without --unverified)</source>
        <translation>il file non è un backup che PBX Vault sa leggere (import senza --unverified)</translation>
    </message>
    <message>
        <source>cancelled or interrupted</source>
        <translation>annullato o interrotto</translation>
    </message>
    <message>
        <source>Exit status:</source>
        <translation>Codici di uscita:</translation>
    </message>
    <message>
        <source>backup --all, verify --all: 0 when all succeeded, else the code of the first
failure in PBX (backup id) order. daemon and run-due log one line per job on
stderr; run-due exits 1 if a backup failed.</source>
        <translation>backup --all, verify --all: 0 se sono tutti riusciti, altrimenti il codice del primo
errore in ordine di centrale (id del backup). daemon e run-due registrano una riga per
attività su stderr; run-due esce con 1 se un backup non è riuscito.</translation>
    </message>
    <message>
        <source>change a PBX: only the options given change; --schedule &quot;&quot; stops automatic backups, --keep 0 and --keep-days 0 keep everything; a new password is read from stdin</source>
        <translation>modifica una centrale: cambiano solo le opzioni indicate; --schedule &quot;&quot; disattiva i backup automatici, --keep 0 e --keep-days 0 conservano tutto; una nuova password viene letta da stdin</translation>
    </message>
    <message>
        <source>list the backup files stored on the PBX itself, each &quot;in vault&quot; or &quot;missing&quot;; --fetch or --all-missing downloads them into the vault (verified, catalogued as fetched from the PBX)</source>
        <translation>elenca i file di backup conservati sulla centrale stessa, ciascuno &quot;nel vault&quot; o &quot;mancante&quot;; --fetch o --all-missing li scarica nel vault (verificati e catalogati come scaricati dalla centrale)</translation>
    </message>
    <message>
        <source>what changed from backup ID to backup ID2 (without ID2: from the previous backup of the same PBX and tenant to ID), member by member, as a unified diff; exits 0 when they are the same, 1 when they differ, 2 or more on trouble (never 1)</source>
        <translation>mostra cosa è cambiato dal backup ID al backup ID2 (senza ID2: dal backup precedente della stessa centrale e dello stesso tenant a ID), file per file, come diff unificato; esce con 0 se sono uguali, con 1 se differiscono, con 2 o più in caso di problemi (mai 1)</translation>
    </message>
    <message>
        <source>No progress line on a terminal.</source>
        <translation>Nessuna riga di avanzamento sul terminale.</translation>
    </message>
    <message>
        <source>enable the PBX again.</source>
        <translation>riattiva la centrale.</translation>
    </message>
    <message>
        <source>disable the PBX: no backups or restores until --enable.</source>
        <translation>disattiva la centrale: nessun backup né ripristino fino a --enable.</translation>
    </message>
    <message>
        <source>fetch the PBX&apos;s backup of that name into the vault.</source>
        <translation>scarica nel vault il backup della centrale con quel nome.</translation>
    </message>
    <message>
        <source>fetch every backup of the PBX the vault does not hold yet.</source>
        <translation>scarica tutti i backup della centrale non ancora presenti nel vault.</translation>
    </message>
    <message>
        <source>one line per member instead of the diff: status, name, size before and after.</source>
        <translation>una riga per file invece del diff: stato, nome, dimensione prima e dopo.</translation>
    </message>
    <message numerus="yes">
        <source>last %n backup(s)</source>
        <translation>
            <numerusform>%n backup più recente</numerusform>
            <numerusform>%n backup più recenti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n giorno</numerusform>
            <numerusform>%n giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>keep everything</source>
        <translation>conserva tutto</translation>
    </message>
    <message>
        <source>the commands run before and after backups and restores, for every PBX and for each PBX (--pbx: one)</source>
        <translation>i comandi eseguiti prima e dopo backup e ripristini, per tutte le centrali e per ciascuna centrale (--pbx: una sola)</translation>
    </message>
    <message>
        <source>run COMMAND (one argument, with sh -c) at EVENT: pre-backup, post-backup, pre-restore or post-restore, for every PBX or for the --pbx one; a failing pre- hook skips the job; the command gets PBXVAULT_* variables (see the manual)</source>
        <translation>esegue COMMAND (un solo argomento, con sh -c) all&apos;evento EVENT: pre-backup, post-backup, pre-restore o post-restore, per tutte le centrali o per quella indicata da --pbx; un hook pre- che non riesce fa saltare l&apos;attività; il comando riceve le variabili PBXVAULT_* (vedi il manuale)</translation>
    </message>
    <message>
        <source>remove the hook of EVENT, for every PBX or for the --pbx one</source>
        <translation>rimuove l&apos;hook dell&apos;evento EVENT, per tutte le centrali o per quella indicata da --pbx</translation>
    </message>
    <message>
        <source>yes: a scheduled backup with no changes since the previous one is verified, then discarded (manual backups are always kept).</source>
        <translation>yes: un backup pianificato senza modifiche rispetto al precedente viene verificato, poi scartato (i backup manuali vengono sempre conservati).</translation>
    </message>
    <message>
        <source>stop each hook after SECONDS (default 300); applies to every hook.</source>
        <translation>interrompe ogni hook dopo SECONDS secondi (predefinito 300); vale per tutti gli hook.</translation>
    </message>
    <message>
        <source>the PBX (for hooks: that PBX&apos;s own hooks).</source>
        <translation>la centrale (per gli hook: gli hook propri di quella centrale).</translation>
    </message>
    <message>
        <source>write the backup to FILE as the plain file the PBX sent (decrypted when the vault is encrypted), owner-only; FILE is replaced only once complete</source>
        <translation>scrive il backup in FILE come file in chiaro, così come inviato dalla centrale (decifrato se il vault è cifrato), leggibile solo dal proprietario; FILE viene sostituito solo a scrittura completata</translation>
    </message>
    <message>
        <source>encrypt the vault&apos;s new backups: create its key in the keychain and print the recovery key once</source>
        <translation>cifra i nuovi backup del vault: crea la sua chiave nel portachiavi e stampa la chiave di ripristino una sola volta</translation>
    </message>
    <message>
        <source>whether the vault is encrypted, its key id, whether the key is loaded, and how many backup files are encrypted</source>
        <translation>se il vault è cifrato, l&apos;id della sua chiave, se la chiave è caricata e quanti file di backup sono cifrati</translation>
    </message>
    <message>
        <source>print the recovery key of the vault</source>
        <translation>stampa la chiave di ripristino del vault</translation>
    </message>
    <message>
        <source>read a recovery key from stdin and store it in the keychain, to open the vault&apos;s backups on this machine</source>
        <translation>legge una chiave di ripristino da stdin e la memorizza nel portachiavi, per aprire i backup del vault su questo computer</translation>
    </message>
    <message>
        <source>encrypt every plain backup file of an encrypted vault in place, each replaced atomically once verified</source>
        <translation>cifra sul posto ogni file di backup non cifrato di un vault cifrato, sostituendo ciascun file in modo atomico dopo averlo verificato</translation>
    </message>
    <message>
        <source>copy every new backup to LOCATION too: a mounted folder (an absolute path) or sftp://user@host[:port]/dir (with --ssh-key or --password-stdin; the server&apos;s host key is pinned on first use); each copy is read back and its SHA-256 checked</source>
        <translation>copia ogni nuovo backup anche in LOCATION: una cartella montata (un percorso assoluto) o sftp://user@host[:port]/dir (con --ssh-key o --password-stdin; la chiave host del server viene considerata attendibile al primo utilizzo); ogni copia viene riletta e ne viene controllato lo SHA-256</translation>
    </message>
    <message>
        <source>the copy targets, with how many backups are copied, failed or missing on each</source>
        <translation>le destinazioni di copia, con il numero di backup copiati, non riusciti o mancanti su ciascuna</translation>
    </message>
    <message>
        <source>stop copying to a target (the copies on it stay there)</source>
        <translation>smette di copiare su una destinazione (le copie già presenti vi restano)</translation>
    </message>
    <message>
        <source>copy every backup still missing on the targets (or on NAME) now, and apply retention there</source>
        <translation>copia subito ogni backup ancora mancante sulle destinazioni (o su NAME) e vi applica la conservazione</translation>
    </message>
    <message>
        <source>log in to the SFTP server with this OpenSSH private key; it is stored in the keychain.</source>
        <translation>accede al server SFTP con questa chiave privata OpenSSH, che viene memorizzata nel portachiavi.</translation>
    </message>
    <message>
        <source>accept only the SSH host key with this fingerprint (as ssh-keygen -l prints it).</source>
        <translation>accetta solo la chiave host SSH con questa impronta (nel formato stampato da ssh-keygen -l).</translation>
    </message>
    <message>
        <source>This vault is not encrypted; run &quot;pbxvault key init&quot; first.</source>
        <translation>Questo vault non è cifrato; esegui prima &quot;pbxvault key init&quot;.</translation>
    </message>
    <message>
        <source>The vault is now encrypted with the key %1.</source>
        <translation>Il vault ora è cifrato con la chiave %1.</translation>
    </message>
    <message>
        <source>Recovery key:</source>
        <translation>Chiave di ripristino:</translation>
    </message>
    <message>
        <source>Keep the recovery key offline (printed, in a safe): without it the backups cannot be opened on another machine, or here if the keychain is lost. Anyone who has it can read every backup of this vault.</source>
        <translation>Conserva la chiave di ripristino offline (stampata, in una cassaforte): senza di essa i backup non possono essere aperti su un altro computer, né qui se il portachiavi va perso. Chiunque la possieda può leggere tutti i backup di questo vault.</translation>
    </message>
    <message>
        <source>There is no copy target named &quot;%1&quot;.</source>
        <translation>Non esiste alcuna destinazione di copia di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>copy the whole catalog (PBXs, backups, restores, jobs, copy targets) into the empty catalog at --to (postgresql://... or an SQLite file), in one transaction, verifying row counts; with --catalog, the other way round</source>
        <translation>copia l&apos;intero catalogo (centrali, backup, ripristini, attività, destinazioni di copia) nel catalogo vuoto indicato da --to (postgresql://... o un file SQLite), in una sola transazione, verificando il numero di righe; con --catalog, nella direzione opposta</translation>
    </message>
    <message>
        <source>target PBX; for catalog copy, the catalog to fill.</source>
        <translation>centrale di destinazione; per catalog copy, il catalogo da riempire.</translation>
    </message>
    <message>
        <source>read the password of the PostgreSQL catalog at LOCATION (postgresql://user@host:port/db) from stdin, test it against the server and, once accepted, keep it in the keychain for --catalog and the window; a refused password is not stored</source>
        <translation>legge da stdin la password del catalogo PostgreSQL in LOCATION (postgresql://user@host:port/db), la prova sul server e, se accettata, la custodisce nel portachiavi per --catalog e la finestra; una password rifiutata non viene memorizzata</translation>
    </message>
    <message>
        <source>forget the keychain&apos;s password of the PostgreSQL catalog at LOCATION</source>
        <translation>dimentica la password del portachiavi per il catalogo PostgreSQL in LOCATION</translation>
    </message>
    <message>
        <source>Use this catalog instead of the data directory&apos;s: an SQLite file, or postgresql://user@host:port/db (the password comes from the keychain, see catalog login, or from PGPASSFILE or ~/.pgpass; never the command line).</source>
        <translation>Usa questo catalogo invece di quello della cartella dei dati: un file SQLite, oppure postgresql://user@host:port/db (la password viene dal portachiavi, vedi catalog login, oppure da PGPASSFILE o ~/.pgpass; mai dalla riga di comando).</translation>
    </message>
    <message>
        <source>A catalog password belongs to a PostgreSQL server: give a postgresql:// location.</source>
        <translation>La password di un catalogo appartiene a un server PostgreSQL: indica una posizione postgresql://.</translation>
    </message>
    <message>
        <source>where new backups go (each computer&apos;s data directory or the team&apos;s shared store), and where this computer mounts each shared store</source>
        <translation>dove vanno i nuovi backup (la cartella dei dati di ogni computer o l&apos;archivio condiviso del team) e dove questo computer monta ogni archivio condiviso</translation>
    </message>
    <message>
        <source>make FOLDER (a share every member mounts) the shared store NAME: new backups of every member go there, recorded relative to it; a marker file names it, so an unmounted share is never written to</source>
        <translation>fa di FOLDER (una condivisione che ogni membro monta) l&apos;archivio condiviso NAME: i nuovi backup di ogni membro vanno lì, registrati con un percorso relativo; un file segnaposto gli dà il nome, così una condivisione non montata non viene mai scritta</translation>
    </message>
    <message>
        <source>tell this computer it mounts the shared store NAME at FOLDER (checked against the store&apos;s marker)</source>
        <translation>indica a questo computer che monta l&apos;archivio condiviso NAME in FOLDER (verificato con il file segnaposto dell&apos;archivio)</translation>
    </message>
    <message>
        <source>forget where this computer mounts the shared store NAME</source>
        <translation>dimentica dove questo computer monta l&apos;archivio condiviso NAME</translation>
    </message>
    <message>
        <source>new backups stay in each computer&apos;s data directory again; those in the shared store stay there</source>
        <translation>i nuovi backup tornano a restare nella cartella dei dati di ogni computer; quelli nell&apos;archivio condiviso restano lì</translation>
    </message>
</context>
<context>
    <name>CliSyntax</name>
    <message>
        <source>Backups for KalliopePBX phone systems.
Without a command the window opens. Commands (no window; never prompt):</source>
        <translation>Backup delle centrali telefoniche KalliopePBX.
Senza un comando si apre la finestra. Comandi (senza finestra; non chiedono mai nulla):</translation>
    </message>
    <message>
        <source>On success a command prints its result on stdout (with --json one JSON document) and exits 0; otherwise it prints one line on stderr and exits with one of these codes.</source>
        <translation>In caso di successo un comando stampa il risultato su stdout (con --json un unico documento JSON) ed esce con 0; altrimenti stampa una riga su stderr ed esce con uno di questi codici.</translation>
    </message>
    <message>
        <source>No command given.</source>
        <translation>Nessun comando indicato.</translation>
    </message>
    <message>
        <source>Unknown command &quot;%1&quot;.</source>
        <translation>Comando sconosciuto &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>%1 needs a command; use %2.</source>
        <translation>%1 richiede un comando; usa %2.</translation>
    </message>
    <message>
        <source>Unknown %1 command &quot;%2&quot;; use %3.</source>
        <translation>Comando %1 sconosciuto &quot;%2&quot;; usa %3.</translation>
    </message>
    <message>
        <source>--%1 does not apply to the command &quot;%2&quot;.</source>
        <translation>--%1 non si applica al comando &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Usage: pbxvault %1</source>
        <translation>Uso: pbxvault %1</translation>
    </message>
    <message>
        <source>%1 needs %2.</source>
        <translation>%1 richiede %2.</translation>
    </message>
</context>
<context>
    <name>CryptoMessages</name>
    <message>
        <source>This backup is encrypted and the vault key is not available. Import the vault&apos;s recovery key to open it.</source>
        <translation>Questo backup è cifrato e la chiave del vault non è disponibile. Importa la chiave di ripristino del vault per aprirlo.</translation>
    </message>
    <message>
        <source>The file is not a PBX Vault encrypted file, or its first bytes are damaged.</source>
        <translation>Il file non è un file cifrato di PBX Vault, oppure i suoi primi byte sono danneggiati.</translation>
    </message>
    <message>
        <source>The file uses encryption format version %1, which this version of PBX Vault cannot read (or its header is damaged).</source>
        <translation>Il file usa la versione %1 del formato di cifratura, che questa versione di PBX Vault non sa leggere (oppure la sua intestazione è danneggiata).</translation>
    </message>
    <message>
        <source>The file was encrypted with another vault key (key id %1; the key available has id %2). Import the recovery key of the vault the file comes from.</source>
        <translation>Il file è stato cifrato con un&apos;altra chiave del vault (id chiave %1; la chiave disponibile ha id %2). Importa la chiave di ripristino del vault da cui proviene il file.</translation>
    </message>
    <message>
        <source>The backup cannot be encrypted: the vault key is not available.</source>
        <translation>Impossibile cifrare il backup: la chiave del vault non è disponibile.</translation>
    </message>
    <message>
        <source>The encrypted file is truncated: it ends at byte %1, inside its header.</source>
        <translation>Il file cifrato è troncato: termina al byte %1, all&apos;interno dell&apos;intestazione.</translation>
    </message>
    <message>
        <source>The encrypted file is truncated: it ends at byte %1, before its last block.</source>
        <translation>Il file cifrato è troncato: termina al byte %1, prima del suo ultimo blocco.</translation>
    </message>
    <message>
        <source>The encrypted file is truncated: it ends at byte %1, in the middle of a block.</source>
        <translation>Il file cifrato è troncato: termina al byte %1, a metà di un blocco.</translation>
    </message>
    <message>
        <source>The encrypted file is corrupt or has been tampered with: block %1 (at byte %2) fails its authentication check.</source>
        <translation>Il file cifrato è corrotto o è stato manomesso: il blocco %1 (al byte %2) non supera il controllo di autenticazione.</translation>
    </message>
    <message>
        <source>The encrypted file is corrupt or has been tampered with: its header was changed.</source>
        <translation>Il file cifrato è corrotto o è stato manomesso: la sua intestazione è stata modificata.</translation>
    </message>
    <message>
        <source>The encrypted file is corrupt or has been tampered with: there is data after its last block (at byte %1).</source>
        <translation>Il file cifrato è corrotto o è stato manomesso: ci sono dati dopo il suo ultimo blocco (al byte %1).</translation>
    </message>
    <message>
        <source>The encrypted file could not be read: %1</source>
        <translation>Impossibile leggere il file cifrato: %1</translation>
    </message>
    <message>
        <source>The encrypted file could not be written: %1</source>
        <translation>Impossibile scrivere il file cifrato: %1</translation>
    </message>
</context>
<context>
    <name>DeleteCommand</name>
    <message>
        <source>Deleted backup %1.</source>
        <translation>Backup %1 eliminato.</translation>
    </message>
</context>
<context>
    <name>DiffCommand</name>
    <message>
        <source>Backup %1 is the first backup of PBX &quot;%2&quot; (tenant %3): there is no previous backup to compare it with.</source>
        <translation>Il backup %1 è il primo backup della centrale &quot;%2&quot; (tenant %3): non esiste un backup precedente con cui confrontarlo.</translation>
    </message>
    <message>
        <source>Comparing backup %1 (%2) with backup %3 (%4).</source>
        <translation>Confronto del backup %1 (%2) con il backup %3 (%4).</translation>
    </message>
    <message>
        <source>Backup %1: %2</source>
        <translation>Backup %1: %2</translation>
    </message>
    <message>
        <source>Member %1 changed, too different to show line by line (%2 bytes, now %3 bytes).</source>
        <translation>File %1 modificato, troppo diverso per mostrarlo riga per riga (%2 byte, ora %3 byte).</translation>
    </message>
    <message>
        <source>Member %1 changed; its lines are not shown, the diff is too long (%2 bytes, now %3 bytes).</source>
        <translation>File %1 modificato; le righe non vengono mostrate perché il diff è troppo lungo (%2 byte, ora %3 byte).</translation>
    </message>
    <message>
        <source>Binary member %1 added (%2 bytes).</source>
        <translation>File binario %1 aggiunto (%2 byte).</translation>
    </message>
    <message>
        <source>Binary member %1 removed (%2 bytes).</source>
        <translation>File binario %1 rimosso (%2 byte).</translation>
    </message>
    <message>
        <source>Binary member %1 differs (%2 bytes, now %3 bytes; SHA-256 %4, now %5).</source>
        <translation>Il file binario %1 è diverso (%2 byte, ora %3 byte; SHA-256 %4, ora %5).</translation>
    </message>
</context>
<context>
    <name>EncryptAllCommand</name>
    <message>
        <source>encrypt needs --all.</source>
        <translation>encrypt richiede --all.</translation>
    </message>
    <message>
        <source>backup %1: encrypted (%2 of %3)</source>
        <translation>backup %1: cifrato (%2 di %3)</translation>
    </message>
    <message>
        <source>backup %1: not encrypted: %2</source>
        <translation>backup %1: non cifrato: %2</translation>
    </message>
    <message>
        <source>Every backup file is already encrypted.</source>
        <translation>Tutti i file di backup sono già cifrati.</translation>
    </message>
    <message>
        <source>%1 of %2 backups could not be encrypted.</source>
        <translation>Impossibile cifrare %1 backup su %2.</translation>
    </message>
</context>
<context>
    <name>ExportCommand</name>
    <message>
        <source>%1 is a folder; give the name of the file to write.</source>
        <translation>%1 è una cartella; indica il nome del file da scrivere.</translation>
    </message>
    <message>
        <source>Backup %1 written to %2</source>
        <translation>Backup %1 scritto in %2</translation>
    </message>
</context>
<context>
    <name>Gui</name>
    <message>
        <source>Data directory.</source>
        <translation>Cartella dei dati.</translation>
    </message>
    <message>
        <source>PBX Vault</source>
        <translation>PBX Vault</translation>
    </message>
    <message>
        <source>Cannot open the data directory: %1</source>
        <translation>Impossibile aprire la cartella dei dati: %1</translation>
    </message>
    <message>
        <source>Start in the system tray, without the window.</source>
        <translation>Avvia nell&apos;area di notifica, senza la finestra.</translation>
    </message>
    <message>
        <source>Do not use the system tray: closing the window quits.</source>
        <translation>Non usare l&apos;area di notifica: chiudere la finestra termina il programma.</translation>
    </message>
    <message>
        <source>The vault is encrypted with the key %1, but that key is not loaded: %2 No backup can be made and the encrypted ones cannot be opened until the recovery key is imported.</source>
        <translation>Il vault è cifrato con la chiave %1, ma questa chiave non è caricata: %2 Non è possibile eseguire backup né aprire quelli cifrati finché non viene importata la chiave di ripristino.</translation>
    </message>
    <message>
        <source>Encryption settings…</source>
        <translation>Impostazioni di cifratura…</translation>
    </message>
</context>
<context>
    <name>HooksClearCommand</name>
    <message>
        <source>Unknown hook &quot;%1&quot;; use %2.</source>
        <translation>Hook sconosciuto &quot;%1&quot;; usa %2.</translation>
    </message>
    <message>
        <source>The %1 hook for every PBX is removed.</source>
        <translation>L&apos;hook %1 per tutte le centrali è stato rimosso.</translation>
    </message>
    <message>
        <source>The %1 hook for %2 is removed.</source>
        <translation>L&apos;hook %1 per %2 è stato rimosso.</translation>
    </message>
</context>
<context>
    <name>HooksListCommand</name>
    <message>
        <source>(every PBX)</source>
        <translation>(tutte le centrali)</translation>
    </message>
    <message>
        <source>No hooks are set.</source>
        <translation>Nessun hook impostato.</translation>
    </message>
    <message>
        <source>Time limit of each hook: %1 s.</source>
        <translation>Limite di tempo di ogni hook: %1 s.</translation>
    </message>
</context>
<context>
    <name>HooksSetCommand</name>
    <message>
        <source>Unknown hook &quot;%1&quot;; use %2.</source>
        <translation>Hook sconosciuto &quot;%1&quot;; usa %2.</translation>
    </message>
    <message>
        <source>The command is empty; to remove a hook, use &quot;hooks clear&quot;.</source>
        <translation>Il comando è vuoto; per rimuovere un hook, usa &quot;hooks clear&quot;.</translation>
    </message>
    <message>
        <source>--hook-timeout needs a number of seconds from 1 to 86400.</source>
        <translation>--hook-timeout richiede un numero di secondi da 1 a 86400.</translation>
    </message>
    <message>
        <source>The %1 hook for every PBX is set.</source>
        <translation>L&apos;hook %1 per tutte le centrali è stato impostato.</translation>
    </message>
    <message>
        <source>The %1 hook for %2 is set.</source>
        <translation>L&apos;hook %1 per %2 è stato impostato.</translation>
    </message>
</context>
<context>
    <name>ImportCommand</name>
    <message>
        <source>Nothing was imported. If you are sure %1 is a backup of this PBX, run the same command with --unverified: only its checksum will be checked and it will be marked &quot;checksum only&quot;.</source>
        <translation>Non è stato importato nulla. Se sei sicuro che %1 sia un backup di questa centrale, esegui lo stesso comando con --unverified: verrà controllato solo il checksum e il file verrà contrassegnato come &quot;solo checksum&quot;.</translation>
    </message>
    <message>
        <source>Imported as backup %1: %2 (%3)</source>
        <translation>Importato come backup %1: %2 (%3)</translation>
    </message>
</context>
<context>
    <name>KeyImportCommand</name>
    <message>
        <source>The recovery key on stdin is not valid: %1</source>
        <translation>La chiave di ripristino letta da stdin non è valida: %1</translation>
    </message>
    <message>
        <source>Key %1 imported; the backups encrypted with it can be read.</source>
        <translation>Chiave %1 importata; i backup cifrati con questa chiave sono leggibili.</translation>
    </message>
</context>
<context>
    <name>KeyStatusCommand</name>
    <message>
        <source>Encrypted</source>
        <translation>Cifrato</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>Key id</source>
        <translation>Id chiave</translation>
    </message>
    <message>
        <source>Key loaded</source>
        <translation>Chiave caricata</translation>
    </message>
    <message>
        <source>no: %1</source>
        <translation>no: %1</translation>
    </message>
    <message>
        <source>Encrypted backups</source>
        <translation>Backup cifrati</translation>
    </message>
    <message>
        <source>Plain backups</source>
        <translation>Backup non cifrati</translation>
    </message>
    <message>
        <source>Missing files</source>
        <translation>File mancanti</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Master</source>
        <translation>Master</translation>
    </message>
    <message>
        <source>Secondary</source>
        <translation>Secondaria</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuale</translation>
    </message>
    <message>
        <source>Scheduled</source>
        <translation>Pianificato</translation>
    </message>
    <message>
        <source>Safety backup before a restore</source>
        <translation>Backup di sicurezza prima di un ripristino</translation>
    </message>
    <message>
        <source>Imported from a file</source>
        <translation>Importato da un file</translation>
    </message>
    <message>
        <source>Not verified</source>
        <translation>Non verificato</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>In corso</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Riuscito</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fallito</translation>
    </message>
    <message>
        <source>Interrupted</source>
        <translation>Interrotto</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Ripristino</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>Deletion</source>
        <translation>Eliminazione</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importazione</translation>
    </message>
    <message>
        <source>Retention clean-up</source>
        <translation>Pulizia per conservazione</translation>
    </message>
    <message>
        <source>Catch-up</source>
        <translation>Recupero</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Sicurezza</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 di %2</translation>
    </message>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>Recovered after an interrupted backup</source>
        <translation>Recuperato dopo un backup interrotto</translation>
    </message>
    <message>
        <source>Fetched from the PBX</source>
        <translation>Scaricato dalla centrale</translation>
    </message>
    <message>
        <source>Intact</source>
        <translation>Integro</translation>
    </message>
    <message>
        <source>Checksum only</source>
        <translation>Solo checksum</translation>
    </message>
    <message>
        <source>Corrupt</source>
        <translation>Corrotto</translation>
    </message>
    <message>
        <source>File missing</source>
        <translation>File mancante</translation>
    </message>
    <message>
        <source>Fetch from the PBX</source>
        <translation>Scaricamento dalla centrale</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>Prova di connessione</translation>
    </message>
    <message>
        <source>PBX registry</source>
        <translation>Registro delle centrali</translation>
    </message>
    <message>
        <source>Hook</source>
        <translation>Hook</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>Invariato</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>Nessuna modifica</translation>
    </message>
    <message numerus="yes">
        <source>%n changed</source>
        <translation>
            <numerusform>%n modificato</numerusform>
            <numerusform>%n modificati</numerusform>
        </translation>
    </message>
    <message>
        <source>Off-site copy</source>
        <translation>Copia esterna</translation>
    </message>
</context>
<context>
    <name>Offsite</name>
    <message>
        <source>The copy has no file name.</source>
        <translation>La copia non ha un nome di file.</translation>
    </message>
    <message>
        <source>Refusing the file name &quot;%1&quot;: a copy&apos;s name must be a plain file name (no folders, no leading dot).</source>
        <translation>Nome di file &quot;%1&quot; rifiutato: il nome di una copia deve essere un semplice nome di file (senza cartelle né punto iniziale).</translation>
    </message>
    <message>
        <source>The copy of %1 to %2 was cancelled.</source>
        <translation>La copia di %1 su %2 è stata annullata.</translation>
    </message>
    <message>
        <source>The copy of %1 on %2 is damaged: it has %3 bytes instead of %4.</source>
        <translation>La copia di %1 su %2 è danneggiata: ha %3 byte invece di %4.</translation>
    </message>
    <message>
        <source>The copy of %1 on %2 is damaged: its SHA-256 is %3 instead of %4.</source>
        <translation>La copia di %1 su %2 è danneggiata: il suo SHA-256 è %3 invece di %4.</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>Impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>Checking %1 was cancelled.</source>
        <translation>Il controllo di %1 è stato annullato.</translation>
    </message>
    <message>
        <source>The copy folder %1 does not exist (is the share mounted?).</source>
        <translation>La cartella delle copie %1 non esiste (la condivisione è montata?).</translation>
    </message>
    <message>
        <source>The copy folder %1 is not a folder.</source>
        <translation>La cartella delle copie %1 non è una cartella.</translation>
    </message>
    <message>
        <source>Cannot read the backup %1: %2</source>
        <translation>Impossibile leggere il backup %1: %2</translation>
    </message>
    <message>
        <source>A different file named %1 already exists in %2; it was left alone.</source>
        <translation>In %2 esiste già un file diverso di nome %1; non è stato toccato.</translation>
    </message>
    <message>
        <source>Cannot write in the copy folder %1: %2</source>
        <translation>Impossibile scrivere nella cartella delle copie %1: %2</translation>
    </message>
    <message>
        <source>The copy folder %1 is full: %2 of %3 bytes of %4 were written.</source>
        <translation>La cartella delle copie %1 è piena: sono stati scritti %2 byte su %3 di %4.</translation>
    </message>
    <message>
        <source>Cannot write %1 in the copy folder %2: %3</source>
        <translation>Impossibile scrivere %1 nella cartella delle copie %2: %3</translation>
    </message>
    <message>
        <source>A different file named %1 appeared in %2 during the copy; it was left alone.</source>
        <translation>Durante la copia è comparso in %2 un file diverso di nome %1; non è stato toccato.</translation>
    </message>
    <message>
        <source>Cannot rename the copy of %1 in %2.</source>
        <translation>Impossibile rinominare la copia di %1 nella cartella %2.</translation>
    </message>
    <message>
        <source>Cannot read %1 in the copy folder %2: %3</source>
        <translation>Impossibile leggere %1 nella cartella delle copie %2: %3</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>Impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>Fetching %1 from %2 was cancelled.</source>
        <translation>Lo scaricamento di %1 da %2 è stato annullato.</translation>
    </message>
    <message>
        <source>There is no copy of %1 in %2.</source>
        <translation>Non esiste alcuna copia di %1 in %2.</translation>
    </message>
    <message>
        <source>Cannot delete %1 in %2: %3</source>
        <translation>Impossibile eliminare %1 in %2: %3</translation>
    </message>
    <message>
        <source>Cannot read the copy folder %1.</source>
        <translation>Impossibile leggere la cartella delle copie %1.</translation>
    </message>
    <message>
        <source>The SFTP target needs a host and a user name.</source>
        <translation>La destinazione SFTP richiede un host e un nome utente.</translation>
    </message>
    <message>
        <source>Cannot start libssh.</source>
        <translation>Impossibile avviare libssh.</translation>
    </message>
    <message>
        <source>The connection to %1 was cancelled.</source>
        <translation>La connessione a %1 è stata annullata.</translation>
    </message>
    <message>
        <source>Cannot reach the SFTP server %1:%2: %3</source>
        <translation>Impossibile raggiungere il server SFTP %1:%2: %3</translation>
    </message>
    <message>
        <source>The SFTP server %1 showed no usable host key.</source>
        <translation>Il server SFTP %1 non ha presentato alcuna chiave host utilizzabile.</translation>
    </message>
    <message>
        <source>The SFTP server %1:%2 identifies itself with the host key %3, which is not trusted yet. Compare it with the key the server&apos;s administrator gives you before trusting it.</source>
        <translation>Il server SFTP %1:%2 si identifica con la chiave host %3, che non è ancora considerata attendibile. Confrontala con la chiave fornita dall&apos;amministratore del server prima di considerarla attendibile.</translation>
    </message>
    <message>
        <source>The host key of the SFTP server %1:%2 has changed: it is now %3, but %4 was trusted. Nothing was sent. If the server was reinstalled, confirm the new key with its administrator; otherwise someone may be intercepting the connection.</source>
        <translation>La chiave host del server SFTP %1:%2 è cambiata: ora è %3, ma era attendibile %4. Non è stato inviato nulla. Se il server è stato reinstallato, conferma la nuova chiave con il suo amministratore; altrimenti qualcuno potrebbe intercettare la connessione.</translation>
    </message>
    <message>
        <source>Cannot start SFTP on %1</source>
        <translation>Impossibile avviare SFTP su %1</translation>
    </message>
    <message>
        <source>Cannot open the folder %1 on %2</source>
        <translation>Impossibile aprire la cartella %1 su %2</translation>
    </message>
    <message>
        <source>%1 on %2 is not a folder.</source>
        <translation>%1 su %2 non è una cartella.</translation>
    </message>
    <message>
        <source>The private key for %1 cannot be read: the passphrase is wrong or it is not an OpenSSH private key.</source>
        <translation>Impossibile leggere la chiave privata per %1: la passphrase è errata oppure non è una chiave privata OpenSSH.</translation>
    </message>
    <message>
        <source>The SFTP server %1 refused the key of the user %2.</source>
        <translation>Il server SFTP %1 ha rifiutato la chiave dell&apos;utente %2.</translation>
    </message>
    <message>
        <source>The SFTP server %1 refused the password of the user %2.</source>
        <translation>Il server SFTP %1 ha rifiutato la password dell&apos;utente %2.</translation>
    </message>
    <message>
        <source>The SFTP server %1 asks the user %2 for a further login step, which unattended copies cannot answer.</source>
        <translation>Il server SFTP %1 chiede all&apos;utente %2 un ulteriore passaggio di accesso, a cui le copie automatiche non possono rispondere.</translation>
    </message>
    <message>
        <source>Cannot log in to %1</source>
        <translation>Impossibile accedere a %1</translation>
    </message>
    <message>
        <source>%1: the server stopped answering for %2 seconds.</source>
        <translation>%1: il server non ha risposto per %2 secondi.</translation>
    </message>
    <message>
        <source>%1: the connection was lost (%2).</source>
        <translation>%1: la connessione è stata persa (%2).</translation>
    </message>
    <message>
        <source>%1: no such file or folder.</source>
        <translation>%1: file o cartella inesistente.</translation>
    </message>
    <message>
        <source>%1: permission denied.</source>
        <translation>%1: permesso negato.</translation>
    </message>
    <message>
        <source>%1: the server has no room left.</source>
        <translation>%1: sul server non c&apos;è più spazio.</translation>
    </message>
    <message>
        <source>%1: the connection was lost.</source>
        <translation>%1: la connessione è stata persa.</translation>
    </message>
    <message>
        <source>%1: the server has no room left (%2 bytes free).</source>
        <translation>%1: sul server non c&apos;è più spazio (%2 byte liberi).</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>the server refused</source>
        <translation>il server ha rifiutato</translation>
    </message>
    <message>
        <source>Cannot find %1 on %2</source>
        <translation>Impossibile trovare %1 su %2</translation>
    </message>
    <message>
        <source>There is no copy of %1 on %2.</source>
        <translation>Non esiste alcuna copia di %1 su %2.</translation>
    </message>
    <message>
        <source>%1 on %2 is not a file.</source>
        <translation>%1 su %2 non è un file.</translation>
    </message>
    <message>
        <source>Cannot read %1 on %2</source>
        <translation>Impossibile leggere %1 su %2</translation>
    </message>
    <message>
        <source>Reading %1 on %2 was cancelled.</source>
        <translation>La lettura di %1 su %2 è stata annullata.</translation>
    </message>
    <message>
        <source>Cannot write the file fetched from %1: %2</source>
        <translation>Impossibile scrivere il file scaricato da %1: %2</translation>
    </message>
    <message>
        <source>The SFTP server %1:%2 showed no usable host key.</source>
        <translation>Il server SFTP %1:%2 non ha presentato alcuna chiave host utilizzabile.</translation>
    </message>
    <message>
        <source>A different file named %1 already exists on %2; it was left alone.</source>
        <translation>Su %2 esiste già un file diverso di nome %1; non è stato toccato.</translation>
    </message>
    <message>
        <source>Cannot create a file in %1</source>
        <translation>Impossibile creare un file in %1</translation>
    </message>
    <message>
        <source>Cannot write %1 on %2</source>
        <translation>Impossibile scrivere %1 su %2</translation>
    </message>
    <message>
        <source>Cannot rename the copy of %1 on %2</source>
        <translation>Impossibile rinominare la copia di %1 su %2</translation>
    </message>
    <message>
        <source>A different file named %1 appeared on %2 during the copy; it was left alone.</source>
        <translation>Durante la copia è comparso su %2 un file diverso di nome %1; non è stato toccato.</translation>
    </message>
    <message>
        <source>Cannot delete %1 on %2</source>
        <translation>Impossibile eliminare %1 su %2</translation>
    </message>
    <message>
        <source>Cannot list %1</source>
        <translation>Impossibile elencare il contenuto di %1</translation>
    </message>
</context>
<context>
    <name>OffsiteTargets</name>
    <message>
        <source>&quot;%1&quot; is not an SFTP location like sftp://user@host:22/backups (a password never goes in it).</source>
        <translation>&quot;%1&quot; non è una posizione SFTP come sftp://user@host:22/backups (che non deve mai contenere una password).</translation>
    </message>
    <message>
        <source>No password or key for the copy target &quot;%1&quot; is in the system keychain. Enter it again in the target&apos;s settings.</source>
        <translation>Nel portachiavi di sistema non è memorizzata alcuna password o chiave per la destinazione di copia &quot;%1&quot;. Inseriscila di nuovo nelle impostazioni della destinazione.</translation>
    </message>
    <message>
        <source>Cannot read the secret of the copy target &quot;%1&quot;: %2</source>
        <translation>Impossibile leggere le credenziali della destinazione di copia &quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>OrphanRecovery</name>
    <message>
        <source>Recovered after an interrupted backup.</source>
        <translation>Recuperato dopo un backup interrotto.</translation>
    </message>
    <message>
        <source>recovered %1</source>
        <translation>recuperato %1</translation>
    </message>
    <message>
        <source>A file left by an interrupted backup was not an intact backup and was removed: %1</source>
        <translation>Un file lasciato da un backup interrotto non era un backup integro ed è stato rimosso: %1</translation>
    </message>
    <message>
        <source>removed %1</source>
        <translation>rimosso %1</translation>
    </message>
</context>
<context>
    <name>PbxAddCommand</name>
    <message>
        <source>--role must be master or secondary.</source>
        <translation>--role deve essere master o secondary.</translation>
    </message>
    <message>
        <source>Invalid --schedule: %1</source>
        <translation>--schedule non valido: %1</translation>
    </message>
    <message>
        <source>--%1 needs a whole number of at least 1.</source>
        <translation>--%1 richiede un numero intero pari almeno a 1.</translation>
    </message>
    <message>
        <source>Warning: %1 uses plain http; its password and backups cross the network unencrypted.</source>
        <translation>Attenzione: %1 usa http in chiaro; la password e i backup attraversano la rete senza cifratura.</translation>
    </message>
    <message>
        <source>Added %1 (%2, %3).</source>
        <translation>%1 aggiunta (%2, %3).</translation>
    </message>
    <message>
        <source>--keep-only-changed must be yes or no.</source>
        <translation>--keep-only-changed deve essere yes o no.</translation>
    </message>
</context>
<context>
    <name>PbxClient</name>
    <message>
        <source>&quot;%1&quot; is not a usable backup name</source>
        <translation>&quot;%1&quot; non è un nome di backup utilizzabile</translation>
    </message>
    <message>
        <source>read the firmware version of %1</source>
        <translation>leggere la versione del firmware di %1</translation>
    </message>
    <message>
        <source>list the backups on %1</source>
        <translation>elencare i backup su %1</translation>
    </message>
    <message>
        <source>create a backup on %1</source>
        <translation>creare un backup su %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a firmware version</source>
        <translation>&quot;%1&quot; non è una versione del firmware</translation>
    </message>
    <message>
        <source>no writable destination for the backup was given</source>
        <translation>non è stata indicata alcuna destinazione scrivibile per il backup</translation>
    </message>
    <message>
        <source>download backup %1 from %2</source>
        <translation>scaricare il backup %1 da %2</translation>
    </message>
    <message>
        <source>delete backup %1 on %2</source>
        <translation>eliminare il backup %1 su %2</translation>
    </message>
    <message>
        <source>restore backup %1 on %2</source>
        <translation>ripristinare il backup %1 su %2</translation>
    </message>
    <message>
        <source>upload backup %1 to %2</source>
        <translation>caricare il backup %1 su %2</translation>
    </message>
    <message>
        <source>the upload name must end in .bak</source>
        <translation>il nome di caricamento deve terminare con .bak</translation>
    </message>
    <message>
        <source>upload and restore backup %1 on %2</source>
        <translation>caricare e ripristinare il backup %1 su %2</translation>
    </message>
    <message>
        <source>Could not %1: %2.</source>
        <translation>Impossibile %1: %2.</translation>
    </message>
    <message>
        <source>the host name %1 was not found; check the PBX address and the network</source>
        <translation>il nome host %1 non è stato trovato; controlla l&apos;indirizzo della centrale e la rete</translation>
    </message>
    <message>
        <source>the connection to %1 was refused; check the address and port and that the PBX is running</source>
        <translation>la connessione a %1 è stata rifiutata; controlla indirizzo e porta e che la centrale sia accesa</translation>
    </message>
    <message>
        <source>the connection to %1 timed out</source>
        <translation>la connessione a %1 è scaduta</translation>
    </message>
    <message>
        <source>the PBX closed the connection before answering</source>
        <translation>la centrale ha chiuso la connessione prima di rispondere</translation>
    </message>
    <message>
        <source>the secure (TLS) connection could not be established (%1)</source>
        <translation>non è stato possibile stabilire la connessione sicura (TLS) (%1)</translation>
    </message>
    <message>
        <source>the operation was cancelled</source>
        <translation>l&apos;operazione è stata annullata</translation>
    </message>
    <message>
        <source>network error (%1)</source>
        <translation>errore di rete (%1)</translation>
    </message>
    <message>
        <source> (the PBX says: %1)</source>
        <translation> (la centrale risponde: %1)</translation>
    </message>
    <message numerus="yes">
        <source>the PBX refused the login because its clock is %n minute(s) ahead of this computer&apos;s clock; correct the date and time on the PBX or on this computer</source>
        <translation>
            <numerusform>la centrale ha rifiutato l&apos;accesso perché il suo orologio è avanti di %n minuto rispetto a questo computer; correggi data e ora sulla centrale o su questo computer</numerusform>
            <numerusform>la centrale ha rifiutato l&apos;accesso perché il suo orologio è avanti di %n minuti rispetto a questo computer; correggi data e ora sulla centrale o su questo computer</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the PBX refused the login because its clock is %n minute(s) behind this computer&apos;s clock; correct the date and time on the PBX or on this computer</source>
        <translation>
            <numerusform>la centrale ha rifiutato l&apos;accesso perché il suo orologio è indietro di %n minuto rispetto a questo computer; correggi data e ora sulla centrale o su questo computer</numerusform>
            <numerusform>la centrale ha rifiutato l&apos;accesso perché il suo orologio è indietro di %n minuti rispetto a questo computer; correggi data e ora sulla centrale o su questo computer</numerusform>
        </translation>
    </message>
    <message>
        <source>the PBX refused the login: wrong user name, password or tenant</source>
        <translation>la centrale ha rifiutato l&apos;accesso: nome utente, password o tenant errati</translation>
    </message>
    <message>
        <source>the PBX does not know the tenant %1</source>
        <translation>la centrale non conosce il tenant %1</translation>
    </message>
    <message>
        <source>there is no backup named %1 on the PBX</source>
        <translation>sulla centrale non esiste alcun backup di nome %1</translation>
    </message>
    <message>
        <source>the PBX does not offer this function (HTTP 404); check that the address is that of a KalliopePBX</source>
        <translation>la centrale non offre questa funzione (HTTP 404); controlla che l&apos;indirizzo sia quello di un KalliopePBX</translation>
    </message>
    <message>
        <source>a restore is already running on the PBX; try again when it has finished</source>
        <translation>sulla centrale è già in corso un ripristino; riprova quando sarà terminato</translation>
    </message>
    <message>
        <source>the PBX reported an internal error (HTTP %1)%2</source>
        <translation>la centrale ha segnalato un errore interno (HTTP %1)%2</translation>
    </message>
    <message>
        <source>the PBX rejected the request (HTTP %1)%2</source>
        <translation>la centrale ha respinto la richiesta (HTTP %1)%2</translation>
    </message>
    <message>
        <source>unexpected answer from the PBX (HTTP %1)</source>
        <translation>risposta inattesa dalla centrale (HTTP %1)</translation>
    </message>
    <message>
        <source>the PBX did not answer within %1 s</source>
        <translation>la centrale non ha risposto entro %1 s</translation>
    </message>
    <message>
        <source>no data for %1 s; the PBX or the network stopped responding</source>
        <translation>nessun dato per %1 s; la centrale o la rete hanno smesso di rispondere</translation>
    </message>
    <message>
        <source>the PBX certificate is not trusted (%1). Its SHA-256 fingerprint is %2; verify it with the PBX administrator and trust it only if it matches</source>
        <translation>il certificato della centrale non è considerato attendibile (%1). La sua impronta SHA-256 è %2; verificala con l&apos;amministratore della centrale e considerala attendibile solo se corrisponde</translation>
    </message>
    <message>
        <source>the PBX certificate has changed. Trusted fingerprint: %1; presented fingerprint: %2. This can be a renewed certificate or an attack; verify the new fingerprint with the PBX administrator before trusting it</source>
        <translation>il certificato della centrale è cambiato. Impronta attendibile: %1; impronta presentata: %2. Può trattarsi di un certificato rinnovato o di un attacco; verifica la nuova impronta con l&apos;amministratore della centrale prima di considerarla attendibile</translation>
    </message>
    <message>
        <source>the transfer was interrupted after %1 of %2 bytes</source>
        <translation>il trasferimento si è interrotto dopo %1 di %2 byte</translation>
    </message>
    <message>
        <source>the connection was interrupted after %1 bytes</source>
        <translation>la connessione si è interrotta dopo %1 byte</translation>
    </message>
    <message>
        <source>the connection was closed</source>
        <translation>la connessione è stata chiusa</translation>
    </message>
    <message>
        <source>the PBX address &quot;%1&quot; is not a valid https:// URL</source>
        <translation>l&apos;indirizzo della centrale &quot;%1&quot; non è un URL https:// valido</translation>
    </message>
    <message>
        <source>the file %1 could not be read (%2)</source>
        <translation>non è stato possibile leggere il file %1 (%2)</translation>
    </message>
    <message>
        <source>the PBX presented no usable certificate (%1)</source>
        <translation>la centrale non ha presentato alcun certificato utilizzabile (%1)</translation>
    </message>
    <message>
        <source>the backup could not be written (%1)</source>
        <translation>non è stato possibile scrivere il backup (%1)</translation>
    </message>
    <message>
        <source>the PBX answer is unexpectedly large (over %1 bytes)</source>
        <translation>la risposta della centrale è inaspettatamente grande (oltre %1 byte)</translation>
    </message>
    <message>
        <source>the PBX did not send the tenant&apos;s salt; is this a KalliopePBX?</source>
        <translation>la centrale non ha inviato il salt del tenant; è davvero un KalliopePBX?</translation>
    </message>
    <message>
        <source>the PBX sent no firmware version but &quot;%1&quot;</source>
        <translation>la centrale non ha inviato una versione del firmware ma &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the PBX answer is not a list of backup names</source>
        <translation>la risposta della centrale non è un elenco di nomi di backup</translation>
    </message>
    <message>
        <source>the user name is empty</source>
        <translation>il nome utente è vuoto</translation>
    </message>
    <message>
        <source>the user name is longer than %1 characters</source>
        <translation>il nome utente supera i %1 caratteri</translation>
    </message>
    <message>
        <source>the user name contains a quote, a backslash or a control character (such as a line break), which cannot be sent to the PBX</source>
        <translation>il nome utente contiene virgolette, una barra rovesciata o un carattere di controllo (come un a capo), che non possono essere inviati alla centrale</translation>
    </message>
    <message>
        <source>the tenant is empty</source>
        <translation>il tenant è vuoto</translation>
    </message>
    <message>
        <source>the tenant is longer than %1 characters</source>
        <translation>il tenant supera i %1 caratteri</translation>
    </message>
    <message>
        <source>the tenant contains a quote, a backslash or a control character (such as a line break), which cannot be sent to the PBX</source>
        <translation>il tenant contiene virgolette, una barra rovesciata o un carattere di controllo (come un a capo), che non possono essere inviati alla centrale</translation>
    </message>
    <message>
        <source>The PBX connection settings cannot be used: %1.</source>
        <translation>Le impostazioni di connessione della centrale non sono utilizzabili: %1.</translation>
    </message>
    <message>
        <source>the PBX answered with a redirection (HTTP %1) without a usable target; PBX Vault does not follow redirections</source>
        <translation>la centrale ha risposto con un reindirizzamento (HTTP %1) senza una destinazione utilizzabile; PBX Vault non segue i reindirizzamenti</translation>
    </message>
    <message>
        <source>the PBX redirected the request to %1 (HTTP %2); PBX Vault does not follow redirections and sends its credentials to no other address: check the PBX address</source>
        <translation>la centrale ha reindirizzato la richiesta a %1 (HTTP %2); PBX Vault non segue i reindirizzamenti e non invia le credenziali ad altri indirizzi: controlla l&apos;indirizzo della centrale</translation>
    </message>
    <message>
        <source>the user name or tenant cannot be sent to the PBX</source>
        <translation>il nome utente o il tenant non possono essere inviati alla centrale</translation>
    </message>
    <message>
        <source>the PBX sent a malformed, duplicate or conflicting Content-Length header</source>
        <translation>la centrale ha inviato un&apos;intestazione Content-Length malformata, duplicata o contraddittoria</translation>
    </message>
    <message>
        <source>the PBX sent a compressed answer (Content-Encoding %1) although none was asked for</source>
        <translation>la centrale ha inviato una risposta compressa (Content-Encoding %1) senza che fosse richiesta</translation>
    </message>
    <message>
        <source>the PBX sent a web page instead of a backup; check that the address is that of a KalliopePBX</source>
        <translation>la centrale ha inviato una pagina web invece di un backup; controlla che l&apos;indirizzo sia quello di un KalliopePBX</translation>
    </message>
    <message>
        <source>the PBX announced a backup of %1, more than the %2 PBX Vault accepts</source>
        <translation>la centrale ha annunciato un backup di %1, più dei %2 accettati da PBX Vault</translation>
    </message>
    <message>
        <source>the PBX did not announce the size of the backup (Content-Length), so a cut transfer could not be told from a complete one</source>
        <translation>la centrale non ha annunciato la dimensione del backup (Content-Length), quindi non sarebbe possibile distinguere un trasferimento troncato da uno completo</translation>
    </message>
    <message>
        <source>the PBX sent more than %1, the largest backup PBX Vault accepts</source>
        <translation>la centrale ha inviato più di %1, il backup più grande accettato da PBX Vault</translation>
    </message>
    <message>
        <source>there is not enough free space in %1: %2 free, the backup needs %3 more and %4 must stay free</source>
        <translation>non c&apos;è abbastanza spazio libero in %1: %2 liberi, il backup richiede altri %3 e %4 devono restare liberi</translation>
    </message>
    <message>
        <source>the backup could not be written because the disk is full (%1)</source>
        <translation>non è stato possibile scrivere il backup perché il disco è pieno (%1)</translation>
    </message>
    <message>
        <source>the PBX sent a malformed answer after %1 bytes (%2)</source>
        <translation>la centrale ha inviato una risposta malformata dopo %1 byte (%2)</translation>
    </message>
    <message>
        <source>the PBX sent an empty backup</source>
        <translation>la centrale ha inviato un backup vuoto</translation>
    </message>
    <message>
        <source>the PBX lists more than %1 backups</source>
        <translation>la centrale elenca più di %1 backup</translation>
    </message>
    <message>
        <source>the PBX lists a backup name longer than %1 characters</source>
        <translation>la centrale elenca un nome di backup più lungo di %1 caratteri</translation>
    </message>
    <message>
        <source>the PBX sent a malformed answer (%1)</source>
        <translation>il PBX ha inviato una risposta malformata (%1)</translation>
    </message>
</context>
<context>
    <name>PbxEditCommand</name>
    <message>
        <source>--%1 needs a whole number (0: no limit).</source>
        <translation>--%1 richiede un numero intero (0: nessun limite).</translation>
    </message>
    <message>
        <source>Give --enable or --disable, not both.</source>
        <translation>Indica --enable o --disable, non entrambe.</translation>
    </message>
    <message>
        <source>Nothing to change: give the options to change, for example --url URL.</source>
        <translation>Nulla da modificare: indica le opzioni da modificare, ad esempio --url URL.</translation>
    </message>
    <message>
        <source>The certificate trusted for the old address was forgotten. To check and trust the one %1 presents, run: pbxvault pbx trust %2</source>
        <translation>Il certificato considerato attendibile per il vecchio indirizzo è stato dimenticato. Per controllare e considerare attendibile quello presentato da %1, esegui: pbxvault pbx trust %2</translation>
    </message>
    <message>
        <source>Saved the changes to %1.</source>
        <translation>Modifiche a %1 salvate.</translation>
    </message>
</context>
<context>
    <name>PbxFilesCommand</name>
    <message>
        <source>Give --fetch or --all-missing, not both.</source>
        <translation>Usa --fetch oppure --all-missing, non entrambe.</translation>
    </message>
    <message>
        <source>in vault</source>
        <translation>nel vault</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mancante</translation>
    </message>
    <message>
        <source>Backup %1 fetched: %2 (%3)</source>
        <translation>Backup %1 scaricato: %2 (%3)</translation>
    </message>
    <message>
        <source>The vault already holds every backup the PBX keeps.</source>
        <translation>Il vault contiene già tutti i backup conservati dalla centrale.</translation>
    </message>
    <message>
        <source>%1 fetched as backup %2</source>
        <translation>%1 scaricato come backup %2</translation>
    </message>
</context>
<context>
    <name>PbxFormValidator</name>
    <message>
        <source>Enter the address of the PBX, e.g. https://pbx.example.com</source>
        <translation>Inserisci l&apos;indirizzo della centrale, ad es. https://pbx.example.com</translation>
    </message>
    <message>
        <source>This is not a valid address.</source>
        <translation>Questo non è un indirizzo valido.</translation>
    </message>
    <message>
        <source>The address must start with https:// (or http://).</source>
        <translation>L&apos;indirizzo deve iniziare con https:// (o http://).</translation>
    </message>
    <message>
        <source>Put the username in its own field, not in the address.</source>
        <translation>Inserisci il nome utente nel suo campo, non nell&apos;indirizzo.</translation>
    </message>
    <message>
        <source>Enter only the PBX&apos;s address, without a path.</source>
        <translation>Inserisci solo l&apos;indirizzo della centrale, senza percorso.</translation>
    </message>
    <message>
        <source>Give the PBX a name, e.g. “Head office”.</source>
        <translation>Dai un nome alla centrale, ad es. “Sede principale”.</translation>
    </message>
    <message>
        <source>Use at most 100 characters.</source>
        <translation>Usa al massimo 100 caratteri.</translation>
    </message>
    <message>
        <source>There is already a PBX called “%1”.</source>
        <translation>Esiste già una centrale chiamata “%1”.</translation>
    </message>
    <message>
        <source>Enter the tenant; single-tenant PBXs use “default”.</source>
        <translation>Inserisci il tenant; le centrali non multitenant usano “default”.</translation>
    </message>
    <message>
        <source>Use letters, digits, dots, dashes and underscores only.</source>
        <translation>Usa solo lettere, cifre, punti, trattini e trattini bassi.</translation>
    </message>
    <message>
        <source>Enter the username of a PBX administrator.</source>
        <translation>Inserisci il nome utente di un amministratore della centrale.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Inserisci la password.</translation>
    </message>
    <message>
        <source>“%1” is already the master PBX. Make it a secondary PBX first, or choose Secondary here.</source>
        <translation>“%1” è già la centrale master. Rendila prima secondaria, oppure scegli Secondaria qui.</translation>
    </message>
</context>
<context>
    <name>PbxListCommand</name>
    <message>
        <source>(disabled)</source>
        <translation>(disattivata)</translation>
    </message>
</context>
<context>
    <name>PbxRemoveCommand</name>
    <message>
        <source>Removed %1.</source>
        <translation>%1 rimossa.</translation>
    </message>
</context>
<context>
    <name>PbxShowCommand</name>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Tenant</translation>
    </message>
    <message>
        <source>Username</source>
        <translation>Nome utente</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Ruolo</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>Pianificazione</translation>
    </message>
    <message>
        <source>no automatic backups</source>
        <translation>nessun backup automatico</translation>
    </message>
    <message>
        <source>Retention</source>
        <translation>Conservazione</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Certificato</translation>
    </message>
    <message>
        <source>none trusted yet</source>
        <translation>nessuno ancora attendibile</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>attiva</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disattivata</translation>
    </message>
    <message>
        <source>Unchanged backups</source>
        <translation>Backup invariati</translation>
    </message>
    <message>
        <source>discarded (scheduled backups only)</source>
        <translation>scartati (solo backup pianificati)</translation>
    </message>
    <message>
        <source>kept</source>
        <translation>conservati</translation>
    </message>
</context>
<context>
    <name>PbxTestCommand</name>
    <message>
        <source>To trust it, run: pbxvault pbx trust %1 --trust-fingerprint %2</source>
        <translation>Per considerarlo attendibile esegui: pbxvault pbx trust %1 --trust-fingerprint %2</translation>
    </message>
    <message>
        <source>If the change is expected, run: pbxvault pbx trust %1 --trust-fingerprint %2</source>
        <translation>Se il cambiamento è previsto, esegui: pbxvault pbx trust %1 --trust-fingerprint %2</translation>
    </message>
    <message>
        <source>%1 answered: firmware %2.</source>
        <translation>%1 ha risposto: firmware %2.</translation>
    </message>
</context>
<context>
    <name>PbxTrustCommand</name>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 fingerprint.</source>
        <translation>&quot;%1&quot; non è un&apos;impronta SHA-256.</translation>
    </message>
    <message>
        <source>%1 already presents a trusted certificate; nothing to do.</source>
        <translation>%1 presenta già un certificato attendibile; nulla da fare.</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed: %2 was trusted, it now presents %3. Nothing was changed. Confirm the new fingerprint with whoever runs the PBX, then run: pbxvault pbx trust %4 --trust-fingerprint %5</source>
        <translation>Il certificato di %1 è cambiato: era attendibile %2, ora presenta %3. Non è stato modificato nulla. Conferma la nuova impronta con chi gestisce la centrale, poi esegui: pbxvault pbx trust %4 --trust-fingerprint %5</translation>
    </message>
    <message>
        <source>Trusted the certificate of %1: %2</source>
        <translation>Certificato di %1 considerato attendibile: %2</translation>
    </message>
    <message>
        <source>%1 presents the certificate %2, not the expected %3; nothing was changed.</source>
        <translation>%1 presenta il certificato %2, non quello atteso %3; non è stato modificato nulla.</translation>
    </message>
</context>
<context>
    <name>ProgressLine</name>
    <message>
        <source>%1%</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>%1 left</source>
        <translation>%1 rimanenti</translation>
    </message>
</context>
<context>
    <name>RecoveryKey</name>
    <message>
        <source>The encryption library could not be started.</source>
        <translation>Impossibile avviare la libreria di cifratura.</translation>
    </message>
    <message>
        <source>Character %1 of the recovery key (&quot;%2&quot;) cannot be part of a recovery key: it uses only digits and the letters A to Z except I, L, O and U.</source>
        <translation>Il carattere %1 della chiave di ripristino (&quot;%2&quot;) non può far parte di una chiave di ripristino: si usano solo cifre e le lettere dalla A alla Z tranne I, L, O e U.</translation>
    </message>
    <message>
        <source>The recovery key is empty.</source>
        <translation>La chiave di ripristino è vuota.</translation>
    </message>
    <message>
        <source>The recovery key has %1 characters, but a recovery key has %2 (%3 groups of %4): a character is missing or there is one too many.</source>
        <translation>La chiave di ripristino ha %1 caratteri, ma una chiave di ripristino ne ha %2 (%3 gruppi da %4): manca un carattere o ce n&apos;è uno di troppo.</translation>
    </message>
    <message>
        <source>The recovery key has a typo: character %1 (in group %2) looks wrong.</source>
        <translation>La chiave di ripristino contiene un errore di battitura: il carattere %1 (nel gruppo %2) sembra errato.</translation>
    </message>
    <message>
        <source>The recovery key has a typo: characters %1 and %2 look swapped.</source>
        <translation>La chiave di ripristino contiene un errore di battitura: i caratteri %1 e %2 sembrano scambiati.</translation>
    </message>
    <message>
        <source>The recovery key has a typo: its checksum does not match. Check every group against the printed key.</source>
        <translation>La chiave di ripristino contiene un errore di battitura: il suo checksum non corrisponde. Controlla ogni gruppo confrontandolo con la chiave stampata.</translation>
    </message>
</context>
<context>
    <name>RestoreCommand</name>
    <message>
        <source>Restored %1 onto %2.</source>
        <translation>%1 ripristinato su %2.</translation>
    </message>
</context>
<context>
    <name>Schedule</name>
    <message>
        <source>minute</source>
        <translation>minuto</translation>
    </message>
    <message>
        <source>hour</source>
        <translation>ora</translation>
    </message>
    <message>
        <source>day of month</source>
        <translation>giorno del mese</translation>
    </message>
    <message>
        <source>month</source>
        <translation>mese</translation>
    </message>
    <message>
        <source>day of week</source>
        <translation>giorno della settimana</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1–%2</translation>
    </message>
    <message>
        <source>%1: empty item in list &quot;%2&quot;</source>
        <translation>%1: elemento vuoto nell&apos;elenco &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: step &quot;%2&quot; must be a positive number</source>
        <translation>%1: il passo &quot;%2&quot; deve essere un numero positivo</translation>
    </message>
    <message>
        <source>%1: range %2 runs backwards (%3 is after %4)</source>
        <translation>%1: l&apos;intervallo %2 è al contrario (%3 viene dopo %4)</translation>
    </message>
    <message>
        <source>%1: a value is missing</source>
        <translation>%1: manca un valore</translation>
    </message>
    <message>
        <source>%1: %2 is out of range %3–%4</source>
        <translation>%1: %2 è fuori dall&apos;intervallo %3–%4</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number or a month name (JAN–DEC)</source>
        <translation>%1: &quot;%2&quot; non è un numero né il nome di un mese (JAN–DEC)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number or a day name (SUN–SAT)</source>
        <translation>%1: &quot;%2&quot; non è un numero né il nome di un giorno (SUN–SAT)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a number</source>
        <translation>%1: &quot;%2&quot; non è un numero</translation>
    </message>
    <message>
        <source>the schedule is empty</source>
        <translation>la pianificazione è vuota</translation>
    </message>
    <message>
        <source>unknown macro &quot;%1&quot; (use @hourly, @daily, @weekly, @monthly or @yearly)</source>
        <translation>macro sconosciuta &quot;%1&quot; (usa @hourly, @daily, @weekly, @monthly o @yearly)</translation>
    </message>
    <message>
        <source>expected 5 fields, got %1</source>
        <translation>attesi 5 campi, trovati %1</translation>
    </message>
    <message>
        <source>%1: day %2 never occurs in the selected months, so the schedule would never run</source>
        <translation>%1: il giorno %2 non esiste nei mesi scelti, quindi la pianificazione non verrebbe mai eseguita</translation>
    </message>
    <message>
        <source>every minute</source>
        <translation>ogni minuto</translation>
    </message>
    <message>
        <source>every %1 minutes</source>
        <translation>ogni %1 minuti</translation>
    </message>
    <message>
        <source>every hour at minute %1</source>
        <translation>ogni ora al minuto %1</translation>
    </message>
    <message>
        <source>every minute of hour %1</source>
        <translation>ogni minuto dell&apos;ora %1</translation>
    </message>
    <message>
        <source>every %1 hours at minute %2</source>
        <translation>ogni %1 ore al minuto %2</translation>
    </message>
    <message>
        <source>every hour from %1 to %2</source>
        <translation>ogni ora dalle %1 alle %2</translation>
    </message>
    <message>
        <source>at %1</source>
        <translation>alle %1</translation>
    </message>
    <message>
        <source>at minute %1 of hour %2</source>
        <translation>al minuto %1 dell&apos;ora %2</translation>
    </message>
    <message>
        <source>on day %1 of the month or on %2</source>
        <translation>il giorno %1 del mese oppure di %2</translation>
    </message>
    <message>
        <source>on day %1 of the month</source>
        <translation>il giorno %1 del mese</translation>
    </message>
    <message>
        <source>on %1</source>
        <translation>di %1</translation>
    </message>
    <message>
        <source>on day %1 of the month if it is a %2</source>
        <translation>il giorno %1 del mese se è %2</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>every day %1</source>
        <translation>ogni giorno %1</translation>
    </message>
    <message>
        <source>not among the last %1 backups and older than %2 days</source>
        <translation>non tra gli ultimi %1 backup e più vecchio di %2 giorni</translation>
    </message>
    <message>
        <source>not among the last %1 backups</source>
        <translation>non tra gli ultimi %1 backup</translation>
    </message>
    <message>
        <source>older than %1 days</source>
        <translation>più vecchio di %1 giorni</translation>
    </message>
    <message>
        <source>%1: step %2 is out of range 1–%3</source>
        <translation>%1: il passo %2 è fuori dall&apos;intervallo 1–%3</translation>
    </message>
</context>
<context>
    <name>SchedulerCommand</name>
    <message>
        <source>--retry-delay needs a number of seconds from 1 to 86400.</source>
        <translation>--retry-delay richiede un numero di secondi da 1 a 86400.</translation>
    </message>
</context>
<context>
    <name>SecretStore</name>
    <message>
        <source>the D-Bus session bus cannot be reached: %1</source>
        <translation>il bus di sessione D-Bus non è raggiungibile: %1</translation>
    </message>
    <message>
        <source>no Secret Service such as GNOME Keyring or KWallet answers: %1</source>
        <translation>non risponde alcun Secret Service come GNOME Keyring o KWallet: %1</translation>
    </message>
    <message>
        <source>the keychain has no default keyring</source>
        <translation>il portachiavi non ha un portachiavi predefinito</translation>
    </message>
    <message>
        <source>it did not answer within %1 seconds; it may be waiting to be unlocked</source>
        <translation>non ha risposto entro %1 secondi; potrebbe essere in attesa di essere sbloccato</translation>
    </message>
    <message>
        <source>No system keychain is available (%1). PBX Vault stores passwords only in the system keychain; start or unlock it and try again.</source>
        <translation>Nessun portachiavi di sistema disponibile (%1). PBX Vault memorizza le password solo nel portachiavi di sistema; avvialo o sbloccalo e riprova.</translation>
    </message>
    <message>
        <source>the keychain is locked</source>
        <translation>il portachiavi è bloccato</translation>
    </message>
    <message>
        <source>No password is stored in the system keychain for this entry.</source>
        <translation>Nel portachiavi di sistema non è memorizzata alcuna password per questa voce.</translation>
    </message>
    <message>
        <source>Access to the system keychain was refused (%1).</source>
        <translation>L&apos;accesso al portachiavi di sistema è stato negato (%1).</translation>
    </message>
    <message>
        <source>The system keychain reported an error: %1.</source>
        <translation>Il portachiavi di sistema ha segnalato un errore: %1.</translation>
    </message>
</context>
<context>
    <name>SharedStoreFolder</name>
    <message>
        <source>Cannot create the folder %1.</source>
        <translation>Impossibile creare la cartella %1.</translation>
    </message>
    <message>
        <source>%1 already holds the store &quot;%2&quot; of another catalog (%3), so it was left alone.</source>
        <translation>%1 contiene già l&apos;archivio &quot;%2&quot; di un altro catalogo (%3), quindi non è stata toccata.</translation>
    </message>
    <message>
        <source>%1 already holds the store &quot;%2&quot; of this catalog, so it cannot also be &quot;%3&quot;.</source>
        <translation>%1 contiene già l&apos;archivio &quot;%2&quot; di questo catalogo, quindi non può essere anche &quot;%3&quot;.</translation>
    </message>
    <message>
        <source>Cannot read %1 in %2 (%3), so it was left alone.</source>
        <translation>Impossibile leggere %1 in %2 (%3), quindi la cartella non è stata toccata.</translation>
    </message>
    <message>
        <source>Cannot write %1 in %2: %3.</source>
        <translation>Impossibile scrivere %1 in %2: %3.</translation>
    </message>
</context>
<context>
    <name>ShowCommand</name>
    <message>
        <source>members:</source>
        <translation>file nell&apos;archivio:</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>PBX</source>
        <translation>Centrale</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Nome file</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>Percorso</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Backup date</source>
        <translation>Data backup</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Tenant</translation>
    </message>
    <message>
        <source>Master PBX IP</source>
        <translation>IP centrale master</translation>
    </message>
    <message>
        <source>Firmware</source>
        <translation>Firmware</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>Verifica</translation>
    </message>
    <message>
        <source>%1 since backup %2</source>
        <translation>%1 dal backup %2</translation>
    </message>
    <message>
        <source>not known: backup %1, which it was compared with, was deleted</source>
        <translation>non noto: il backup %1, con cui era stato confrontato, è stato eliminato</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>non noto</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifiche</translation>
    </message>
    <message>
        <source>copied and verified</source>
        <translation>copiata e verificata</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>non riuscita: %1</translation>
    </message>
    <message>
        <source>copying</source>
        <translation>copia in corso</translation>
    </message>
    <message>
        <source>Copy on %1</source>
        <translation>Copia su %1</translation>
    </message>
</context>
<context>
    <name>StoreCommands</name>
    <message>
        <source>Give the folder of the store.</source>
        <translation>Indica la cartella dell&apos;archivio.</translation>
    </message>
</context>
<context>
    <name>StoreCreateCommand</name>
    <message>
        <source>New backups of every member now go to the shared store &quot;%1&quot;, here at %2. Backups taken before stay where they are. On each other computer, map it where that computer mounts the share: pbxvault store map %1 FOLDER.</source>
        <translation>Ora i nuovi backup di ogni membro vanno nell&apos;archivio condiviso &quot;%1&quot;, qui in %2. I backup fatti prima restano dove sono. Su ogni altro computer, associalo a dove quel computer monta la condivisione: pbxvault store map %1 FOLDER.</translation>
    </message>
</context>
<context>
    <name>StoreLocalCommand</name>
    <message>
        <source>New backups already stay on each computer.</source>
        <translation>I nuovi backup restano già su ogni computer.</translation>
    </message>
    <message>
        <source>New backups now stay on each computer; the backups in the shared store &quot;%1&quot; stay there.</source>
        <translation>Ora i nuovi backup restano su ogni computer; i backup nell&apos;archivio condiviso &quot;%1&quot; restano lì.</translation>
    </message>
</context>
<context>
    <name>StoreMapCommand</name>
    <message>
        <source>%1 does not hold the shared store &quot;%2&quot; of this catalog (no matching %3 marker there: is the share mounted?), so nothing was changed.</source>
        <translation>%1 non contiene l&apos;archivio condiviso &quot;%2&quot; di questo catalogo (manca un file segnaposto %3 corrispondente: la condivisione è montata?), quindi non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>This computer now reaches the shared store &quot;%1&quot; at %2.</source>
        <translation>Ora questo computer raggiunge l&apos;archivio condiviso &quot;%1&quot; in %2.</translation>
    </message>
</context>
<context>
    <name>StoreShowCommand</name>
    <message>
        <source>New backups stay on each computer, here in %1.</source>
        <translation>I nuovi backup restano su ogni computer, qui in %1.</translation>
    </message>
    <message>
        <source>New backups of every member go to the shared store &quot;%1&quot;, here at %2.</source>
        <translation>I nuovi backup di ogni membro vanno nell&apos;archivio condiviso &quot;%1&quot;, qui in %2.</translation>
    </message>
    <message>
        <source>New backups of every member go to the shared store &quot;%1&quot;.</source>
        <translation>I nuovi backup di ogni membro vanno nell&apos;archivio condiviso &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>(not mapped)</source>
        <translation>(non associato)</translation>
    </message>
    <message>
        <source>reachable</source>
        <translation>raggiungibile</translation>
    </message>
    <message>
        <source>not reachable</source>
        <translation>non raggiungibile</translation>
    </message>
</context>
<context>
    <name>StoreUnmapCommand</name>
    <message>
        <source>The shared store &quot;%1&quot; is not mapped on this computer.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è associato a una cartella su questo computer.</translation>
    </message>
    <message>
        <source>The shared store &quot;%1&quot; is no longer mapped on this computer; its files were left alone.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è più associato su questo computer; i suoi file non sono stati toccati.</translation>
    </message>
</context>
<context>
    <name>TargetAddCommand</name>
    <message>
        <source>target add needs a NAME and a LOCATION (a folder, or sftp://user@host:22/dir).</source>
        <translation>target add richiede NAME e LOCATION (una cartella, o sftp://user@host:22/dir).</translation>
    </message>
    <message>
        <source>A copy target named &quot;%1&quot; exists already.</source>
        <translation>Esiste già una destinazione di copia di nome &quot;%1&quot;.</translation>
    </message>
    <message>
        <source>--password-stdin, --ssh-key and --trust-host-key are for SFTP targets.</source>
        <translation>--password-stdin, --ssh-key e --trust-host-key valgono solo per le destinazioni SFTP.</translation>
    </message>
    <message>
        <source>The folder %1 does not exist (give an absolute path to a mounted folder).</source>
        <translation>La cartella %1 non esiste (indica il percorso assoluto di una cartella montata).</translation>
    </message>
    <message>
        <source>A copy target must be outside the vault&apos;s own folder: a copy on the same disk protects nothing.</source>
        <translation>Una destinazione di copia deve trovarsi fuori dalla cartella del vault: una copia sullo stesso disco non protegge da nulla.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2</source>
        <translation>Impossibile leggere il file della chiave %1: %2</translation>
    </message>
    <message>
        <source>An SFTP target needs --ssh-key FILE or --password-stdin.</source>
        <translation>Una destinazione SFTP richiede --ssh-key FILE o --password-stdin.</translation>
    </message>
    <message>
        <source>The server shows the host key %1, not %2; nothing was saved.</source>
        <translation>Il server presenta la chiave host %1, non %2; non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>Cannot use %1: %2; nothing was saved.</source>
        <translation>Impossibile usare %1: %2; non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>Copy target %1 added: %2</source>
        <translation>Destinazione di copia %1 aggiunta: %2</translation>
    </message>
    <message>
        <source>Host key pinned: %1</source>
        <translation>Chiave host considerata attendibile: %1</translation>
    </message>
    <message>
        <source>Every new backup is copied there; `pbxvault target sync %1` copies the existing ones.</source>
        <translation>Ogni nuovo backup viene copiato lì; `pbxvault target sync %1` copia quelli esistenti.</translation>
    </message>
</context>
<context>
    <name>TargetListCommand</name>
    <message>
        <source>No copy targets. Add one with: pbxvault target add NAME LOCATION</source>
        <translation>Nessuna destinazione di copia. Aggiungine una con: pbxvault target add NAME LOCATION</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>attiva</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disattivata</translation>
    </message>
    <message>
        <source>%1 copied, %2 failed, %3 missing</source>
        <translation>copiati: %1, non riusciti: %2, mancanti: %3</translation>
    </message>
</context>
<context>
    <name>TargetRemoveCommand</name>
    <message>
        <source>Copy target %1 removed; the copies on it were left there.</source>
        <translation>Destinazione di copia %1 rimossa; le copie già presenti vi sono state lasciate.</translation>
    </message>
</context>
<context>
    <name>TargetSyncCommand</name>
    <message>
        <source>There are no copy targets.</source>
        <translation>Non ci sono destinazioni di copia.</translation>
    </message>
    <message>
        <source>%1 copied, %2 failed, %3 removed by retention.</source>
        <translation>copiati: %1, non riusciti: %2, rimossi dalla conservazione: %3.</translation>
    </message>
    <message>
        <source>%1 PBXs were busy with another job; run the command again later.</source>
        <translation>Centrali occupate da un&apos;altra attività: %1; esegui di nuovo il comando più tardi.</translation>
    </message>
    <message>
        <source>%1: %2 copied, %3 failed</source>
        <translation>%1: copiati %2, non riusciti %3</translation>
    </message>
</context>
<context>
    <name>Vault</name>
    <message>
        <source>Cannot create the data directory %1.</source>
        <translation>Impossibile creare la cartella dei dati %1.</translation>
    </message>
    <message>
        <source>Cannot create the backup folder %1.</source>
        <translation>Impossibile creare la cartella dei backup %1.</translation>
    </message>
</context>
<context>
    <name>VaultKeyStore</name>
    <message>
        <source>No keychain is available.</source>
        <translation>Nessun portachiavi disponibile.</translation>
    </message>
    <message>
        <source>This vault has no encryption key in the system keychain. Import its recovery key to read its encrypted backups.</source>
        <translation>Questo vault non ha una chiave di cifratura nel portachiavi di sistema. Importa la sua chiave di ripristino per leggerne i backup cifrati.</translation>
    </message>
    <message>
        <source>The vault key stored in the system keychain is unreadable. Import the vault&apos;s recovery key again.</source>
        <translation>La chiave del vault memorizzata nel portachiavi di sistema è illeggibile. Importa di nuovo la chiave di ripristino del vault.</translation>
    </message>
    <message>
        <source>This vault already has an encryption key; a new one would make its encrypted backups unreadable.</source>
        <translation>Questo vault ha già una chiave di cifratura; una nuova renderebbe illeggibili i suoi backup cifrati.</translation>
    </message>
    <message>
        <source>No encryption key could be generated.</source>
        <translation>Impossibile generare una chiave di cifratura.</translation>
    </message>
    <message>
        <source>This vault already has another encryption key (key id %1; the recovery key is for key id %2). It was left in place.</source>
        <translation>Questo vault ha già un&apos;altra chiave di cifratura (id chiave %1; la chiave di ripristino è per l&apos;id chiave %2). È stata lasciata al suo posto.</translation>
    </message>
</context>
<context>
    <name>VerifyCommand</name>
    <message>
        <source>backup %1: %2</source>
        <translation>backup %1: %2</translation>
    </message>
    <message>
        <source>%1 of %2 backups failed verification.</source>
        <translation>%1 backup su %2 non hanno superato la verifica.</translation>
    </message>
</context>
<context>
    <name>pbxvault</name>
    <message>
        <source>The PBX needs a name.</source>
        <translation>La centrale deve avere un nome.</translation>
    </message>
    <message>
        <source>The PBX name is too long (at most 100 characters).</source>
        <translation>Il nome della centrale è troppo lungo (al massimo 100 caratteri).</translation>
    </message>
    <message>
        <source>The address must look like https://pbx.example.com (got &quot;%1&quot;).</source>
        <translation>L&apos;indirizzo deve avere la forma https://pbx.example.com (ricevuto &quot;%1&quot;).</translation>
    </message>
    <message>
        <source>The PBX needs a user name.</source>
        <translation>La centrale richiede un nome utente.</translation>
    </message>
    <message>
        <source>The tenant must not be empty (use &quot;default&quot; on single-tenant PBXs).</source>
        <translation>Il tenant non può essere vuoto (usa &quot;default&quot; sulle centrali non multitenant).</translation>
    </message>
    <message>
        <source>Retention values cannot be negative.</source>
        <translation>I valori di conservazione non possono essere negativi.</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
</context>
<context>
    <name>pbxvault::ActivityView</name>
    <message>
        <source>The last %L1 jobs, newest first.</source>
        <translation>Le ultime %L1 attività, dalla più recente.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 di %2</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Esito:</translation>
    </message>
    <message>
        <source>Operation:</source>
        <translation>Operazione:</translation>
    </message>
    <message>
        <source>Trigger:</source>
        <translation>Origine:</translation>
    </message>
    <message>
        <source>PBX:</source>
        <translation>Centrale:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Avvio:</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Fine:</translation>
    </message>
    <message>
        <source>Duration:</source>
        <translation>Durata:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Dimensione:</translation>
    </message>
    <message>
        <source>%1 (%L2 bytes)</source>
        <translation>%1 (%L2 byte)</translation>
    </message>
    <message>
        <source>Details:</source>
        <translation>Dettagli:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Errore:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>Risultato:</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupChooserDialog</name>
    <message>
        <source>Compare with another backup</source>
        <translation>Confronta con un altro backup</translation>
    </message>
    <message>
        <source>Compare backup %1 (%2) with this backup of %3:</source>
        <translation>Confronta il backup %1 (%2) con questo backup di %3:</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Commento</translation>
    </message>
    <message>
        <source>Backup %1, %2</source>
        <translation>Backup %1, %2</translation>
    </message>
    <message>
        <source>Tenant %1</source>
        <translation>Tenant %1</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>&amp;Confronta</translation>
    </message>
    <message>
        <source>There is no other backup of this PBX.</source>
        <translation>Non ci sono altri backup di questa centrale.</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupDetailView</name>
    <message>
        <source>File name:</source>
        <translation>Nome file:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>Dimensione:</translation>
    </message>
    <message>
        <source>Backup date:</source>
        <translation>Data backup:</translation>
    </message>
    <message>
        <source>Master PBX IP:</source>
        <translation>IP centrale master:</translation>
    </message>
    <message>
        <source>PBX:</source>
        <translation>Centrale:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Tenant:</translation>
    </message>
    <message>
        <source>Show the folder that holds this file</source>
        <translation>Mostra la cartella che contiene questo file</translation>
    </message>
    <message>
        <source>Could not open the folder %1.</source>
        <translation>Impossibile aprire la cartella %1.</translation>
    </message>
    <message>
        <source>Path:</source>
        <translation>Percorso:</translation>
    </message>
    <message>
        <source>Firmware:</source>
        <translation>Firmware:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>Check the checksum and read the whole archive</source>
        <translation>Controlla il checksum e legge l&apos;intero archivio</translation>
    </message>
    <message>
        <source>Verification:</source>
        <translation>Verifica:</translation>
    </message>
    <message>
        <source>Origin:</source>
        <translation>Origine:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Commento:</translation>
    </message>
    <message>
        <source>Archive contents</source>
        <translation>Contenuto dell&apos;archivio</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Delete this backup</source>
        <translation>Elimina questo backup</translation>
    </message>
    <message>
        <source>Load this backup into a PBX</source>
        <translation>Carica questo backup in una centrale</translation>
    </message>
    <message>
        <source>%1 (%L2 bytes)</source>
        <translation>%1 (%L2 byte)</translation>
    </message>
    <message>
        <source>Not verified yet</source>
        <translation>Non ancora verificato</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>Verifica in corso…</translation>
    </message>
    <message>
        <source>Reading the archive…</source>
        <translation>Lettura dell&apos;archivio…</translation>
    </message>
    <message>
        <source>The archive&apos;s contents cannot be listed: %1</source>
        <translation>Impossibile elencare il contenuto dell&apos;archivio: %1</translation>
    </message>
    <message>
        <source>%L1 files in the archive</source>
        <translation>%L1 file nell&apos;archivio</translation>
    </message>
    <message>
        <source>The backup is intact.</source>
        <translation>Il backup è integro.</translation>
    </message>
    <message>
        <source>Verification failed: %1</source>
        <translation>Verifica fallita: %1</translation>
    </message>
    <message>
        <source>Intact (verified %1)</source>
        <translation>Integro (verificato il %1)</translation>
    </message>
    <message>
        <source>1 file in the archive</source>
        <translation>1 file nell&apos;archivio</translation>
    </message>
    <message>
        <source>The checksum matches and the archive was read to its end.</source>
        <translation>Il checksum corrisponde e l&apos;archivio è stato letto fino in fondo.</translation>
    </message>
    <message>
        <source>Checksum only: content not checked (%1)</source>
        <translation>Solo checksum: contenuto non controllato (%1)</translation>
    </message>
    <message>
        <source>The checksum matches, but PBX Vault cannot read this file&apos;s format, so nothing is known about its content.</source>
        <translation>Il checksum corrisponde, ma PBX Vault non sa leggere il formato di questo file, quindi non si sa nulla del suo contenuto.</translation>
    </message>
    <message>
        <source>Corrupt (verified %1)</source>
        <translation>Corrotto (verificato il %1)</translation>
    </message>
    <message>
        <source>The file failed verification and cannot be restored.</source>
        <translation>Il file non ha superato la verifica e non può essere ripristinato.</translation>
    </message>
    <message>
        <source>File missing (checked %1)</source>
        <translation>File mancante (controllato il %1)</translation>
    </message>
    <message>
        <source>The file was not found and cannot be restored.</source>
        <translation>Il file non è stato trovato e non può essere ripristinato.</translation>
    </message>
    <message>
        <source>&amp;All backups</source>
        <translation>&amp;Tutti i backup</translation>
    </message>
    <message>
        <source>Back to the list (Esc)</source>
        <translation>Torna all&apos;elenco (Esc)</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Apri &amp;cartella</translation>
    </message>
    <message>
        <source>&amp;Verify now</source>
        <translation>&amp;Verifica ora</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Elimina…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Ripristina…</translation>
    </message>
    <message>
        <source>Compare with &amp;previous</source>
        <translation>Confronta con il &amp;precedente</translation>
    </message>
    <message>
        <source>&amp;Compare with…</source>
        <translation>Con&amp;fronta con…</translation>
    </message>
    <message>
        <source>Choose another backup of this PBX to compare with</source>
        <translation>Scegli un altro backup di questa centrale con cui confrontarlo</translation>
    </message>
    <message>
        <source>Show what changed since the backup before this one</source>
        <translation>Mostra cosa è cambiato rispetto al backup precedente</translation>
    </message>
    <message>
        <source>This is the first backup of this PBX and tenant: there is no previous backup to compare it with.</source>
        <translation>Questo è il primo backup di questa centrale e di questo tenant: non esiste un backup precedente con cui confrontarlo.</translation>
    </message>
    <message>
        <source>Off-site copies:</source>
        <translation>Copie esterne:</translation>
    </message>
    <message>
        <source>%1: Not copied yet</source>
        <translation>%1: Non ancora copiato</translation>
    </message>
    <message>
        <source>%1: Not copied (the target is disabled)</source>
        <translation>%1: Non copiato (la destinazione è disattivata)</translation>
    </message>
    <message>
        <source>%1: Copied and verified, %2</source>
        <translation>%1: Copiato e verificato, %2</translation>
    </message>
    <message>
        <source>%1: Copy failed: %2 (%3)</source>
        <translation>%1: Copia non riuscita: %2 (%3)</translation>
    </message>
    <message>
        <source>%1: Copying…</source>
        <translation>%1: Copia in corso…</translation>
    </message>
    <message>
        <source>This backup is encrypted and the vault key is not loaded on this machine, so its contents cannot be listed. Import the recovery key in Settings → Encryption… to open it.</source>
        <translation>Questo backup è cifrato e la chiave del vault non è caricata su questo computer, quindi non è possibile elencarne il contenuto. Importa la chiave di ripristino in Impostazioni → Cifratura… per aprirlo.</translation>
    </message>
    <message>
        <source>In the shared store &quot;%1&quot;, not mapped on this computer</source>
        <translation>Nell&apos;archivio condiviso &quot;%1&quot;, non associato su questo computer</translation>
    </message>
    <message>
        <source>%1 (shared store &quot;%2&quot;)</source>
        <translation>%1 (archivio condiviso &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>Map the store in Settings → Backup store to reach its files</source>
        <translation>Associa l&apos;archivio in Impostazioni → Archivio dei backup per raggiungerne i file</translation>
    </message>
    <message>
        <source>The shared store &quot;%1&quot; is not mapped on this computer, so the archive&apos;s contents cannot be listed. Map it in Settings → Backup store.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è associato su questo computer, quindi il contenuto del backup non può essere elencato. Associalo in Impostazioni → Archivio dei backup.</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupDiffDialog</name>
    <message>
        <source>Backup %1 (%2, %3) → backup %4 (%5, %6)</source>
        <translation>Backup %1 (%2, %3) → backup %4 (%5, %6)</translation>
    </message>
    <message>
        <source>Comparing %1 with %2</source>
        <translation>Confronto di %1 con %2</translation>
    </message>
    <message>
        <source>Reading both archives…</source>
        <translation>Lettura di entrambi gli archivi…</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Annulla</translation>
    </message>
    <message>
        <source>Stop comparing the two backups</source>
        <translation>Interrompi il confronto dei due backup</translation>
    </message>
    <message>
        <source>Member name</source>
        <translation>Nome file</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Filtro:</translation>
    </message>
    <message>
        <source>C&amp;hanged only</source>
        <translation>Solo &amp;modificati</translation>
    </message>
    <message>
        <source>Hide the members that are the same in both backups</source>
        <translation>Nascondi i file identici nei due backup</translation>
    </message>
    <message>
        <source>&amp;Unified</source>
        <translation>&amp;Unificato</translation>
    </message>
    <message>
        <source>Removed and added lines one under the other, as in a patch</source>
        <translation>Righe rimosse e aggiunte una sotto l&apos;altra, come in una patch</translation>
    </message>
    <message>
        <source>Side &amp;by side</source>
        <translation>Affian&amp;cato</translation>
    </message>
    <message>
        <source>The member before on the left, after on the right</source>
        <translation>Il file com&apos;era prima a sinistra, com&apos;è dopo a destra</translation>
    </message>
    <message>
        <source>backup %1 (%2)</source>
        <translation>backup %1 (%2)</translation>
    </message>
    <message>
        <source>Comparing…</source>
        <translation>Confronto in corso…</translation>
    </message>
    <message>
        <source>Comparison cancelled.</source>
        <translation>Confronto annullato.</translation>
    </message>
    <message>
        <source>The comparison was cancelled.</source>
        <translation>Il confronto è stato annullato.</translation>
    </message>
    <message>
        <source>The two backups could not be compared.</source>
        <translation>Impossibile confrontare i due backup.</translation>
    </message>
    <message>
        <source>Backup %1: %2</source>
        <translation>Backup %1: %2</translation>
    </message>
    <message>
        <source>Compare &amp;again</source>
        <translation>Confronta di &amp;nuovo</translation>
    </message>
    <message>
        <source>No changes</source>
        <translation>Nessuna modifica</translation>
    </message>
    <message>
        <source>1 member changed</source>
        <translation>1 file modificato</translation>
    </message>
    <message>
        <source>%L1 members changed</source>
        <translation>%L1 file modificati</translation>
    </message>
    <message>
        <source>%L1 added</source>
        <translation>aggiunti: %L1</translation>
    </message>
    <message>
        <source>1 member added</source>
        <translation>1 file aggiunto</translation>
    </message>
    <message>
        <source>%L1 members added</source>
        <translation>%L1 file aggiunti</translation>
    </message>
    <message>
        <source>%L1 removed</source>
        <translation>rimossi: %L1</translation>
    </message>
    <message>
        <source>1 member removed</source>
        <translation>1 file rimosso</translation>
    </message>
    <message>
        <source>%L1 members removed</source>
        <translation>%L1 file rimossi</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the parts of the summary</comment>
        <translation>, </translation>
    </message>
    <message>
        <source>No member differs. Clear &quot;Changed only&quot; to list them all.</source>
        <translation>Nessun file differisce. Deseleziona &quot;Solo modificati&quot; per elencarli tutti.</translation>
    </message>
    <message>
        <source>No member matches the filter.</source>
        <translation>Nessun file corrisponde al filtro.</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1: not in this backup</source>
        <translation>%1: non presente in questo backup</translation>
    </message>
    <message>
        <source>%1: %2 (%L3 bytes), SHA-256 %4</source>
        <translation>%1: %2 (%L3 byte), SHA-256 %4</translation>
    </message>
    <message>
        <source>Not compared: this member changes on every backup by nature.</source>
        <translation>Non confrontato: questo file cambia per natura a ogni backup.</translation>
    </message>
    <message>
        <source>Binary member, compared by size and SHA-256.</source>
        <translation>File binario, confrontato per dimensione e SHA-256.</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Prima</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Dopo</translation>
    </message>
    <message>
        <source>Member %1 changed, too different to show line by line (%2 bytes, now %3 bytes).</source>
        <translation>File %1 modificato, troppo diverso per mostrarlo riga per riga (%2 byte, ora %3 byte).</translation>
    </message>
    <message>
        <source>Member %1 changed; its lines are not shown, the diff is too long (%2 bytes, now %3 bytes).</source>
        <translation>File %1 modificato; le righe non vengono mostrate perché il diff è troppo lungo (%2 byte, ora %3 byte).</translation>
    </message>
    <message>
        <source>No changes in this member.</source>
        <translation>Nessuna modifica in questo file.</translation>
    </message>
    <message>
        <source>Backup %1 is encrypted and the vault key is not loaded on this machine. Import the recovery key in Settings → Encryption… to open it.</source>
        <translation>Il backup %1 è cifrato e la chiave del vault non è caricata su questo computer. Importa la chiave di ripristino in Impostazioni → Cifratura… per aprirlo.</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupFlow</name>
    <message>
        <source>Reading the password of %1</source>
        <translation>Lettura della password di %1</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>Annullato.</translation>
    </message>
    <message>
        <source>Asking %1 for its firmware version</source>
        <translation>Richiesta della versione del firmware a %1</translation>
    </message>
    <message>
        <source>Backing up %1</source>
        <translation>Backup di %1</translation>
    </message>
    <message>
        <source>The backup was downloaded but could not be recorded in the catalog: %1</source>
        <translation>Il backup è stato scaricato ma non è stato possibile registrarlo nel catalogo: %1</translation>
    </message>
    <message>
        <source>Verifying the backup of %1</source>
        <translation>Verifica del backup di %1</translation>
    </message>
    <message>
        <source>%1 answered with something that is not a backup PBX Vault can read (%2), so nothing was stored.</source>
        <translation>%1 ha risposto con dati che non sono un backup leggibile da PBX Vault (%2), quindi non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>%1 sent a damaged backup, so nothing was stored: %2</source>
        <translation>%1 ha inviato un backup danneggiato, quindi non è stato salvato nulla: %2</translation>
    </message>
    <message>
        <source>an empty answer</source>
        <translation>una risposta vuota</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n byte</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching %1 from %2</source>
        <translation>Scaricamento di %1 da %2</translation>
    </message>
    <message>
        <source>Fetched from the PBX, where it is named %1</source>
        <translation>Scaricato dalla centrale, dove si chiama %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupPipeline</name>
    <message>
        <source>Another job is already running on %1; try again when it has finished.</source>
        <translation>Un&apos;altra attività è già in corso su %1; riprova quando sarà terminata.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>No changes since backup %1; the new backup was discarded.</source>
        <translation>Nessuna modifica dal backup %1; il nuovo backup è stato scartato.</translation>
    </message>
    <message>
        <source>Comparing with the previous backup…</source>
        <translation>Confronto con il backup precedente…</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupTableModel</name>
    <message>
        <source>Click to open the details of %1</source>
        <translation>Fai clic per aprire il dettaglio di %1</translation>
    </message>
    <message>
        <source>%L1 bytes</source>
        <translation>%L1 byte</translation>
    </message>
    <message>
        <source>Backing up %1…</source>
        <translation>Backup di %1 in corso…</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Nome file</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Backup date</source>
        <translation>Data backup</translation>
    </message>
    <message>
        <source>Master PBX IP</source>
        <translation>IP centrale master</translation>
    </message>
    <message>
        <source>PBX</source>
        <translation>Centrale</translation>
    </message>
    <message>
        <source>%1 — %2. Click to open its details.</source>
        <translation>%1 — %2. Fai clic per aprirne il dettaglio.</translation>
    </message>
    <message>
        <source>The same configuration as backup %1.</source>
        <translation>La stessa configurazione del backup %1.</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the archive changed since backup %1.</source>
        <translation>
            <numerusform>%n file dell&apos;archivio modificato dal backup %1.</numerusform>
            <numerusform>%n file dell&apos;archivio modificati dal backup %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Not known: backup %1, which this one was compared with, has been deleted.</source>
        <translation>Non noto: il backup %1, con cui questo è stato confrontato, è stato eliminato.</translation>
    </message>
    <message>
        <source>Not known: the first backup of its PBX, an imported backup, or one that could not be compared with the previous backup.</source>
        <translation>Non noto: è il primo backup della sua centrale, un backup importato oppure un backup che non è stato possibile confrontare con il precedente.</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Modifiche</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupsFirstRun</name>
    <message>
        <source>&amp;Import a backup file…</source>
        <translation>&amp;Importa un file di backup…</translation>
    </message>
    <message>
        <source>Add your first PBX</source>
        <translation>Aggiungi la tua prima centrale</translation>
    </message>
    <message>
        <source>PBX Vault backs up KalliopePBX systems. Tell it the address of your PBX and an administrator login; the password is kept in the system keychain. You can test the connection before saving.</source>
        <translation>PBX Vault esegue il backup delle centrali KalliopePBX. Indica l&apos;indirizzo della tua centrale e le credenziali di un amministratore; la password viene custodita nel portachiavi di sistema. Puoi provare la connessione prima di salvare.</translation>
    </message>
    <message>
        <source>&amp;New PBX…</source>
        <translation>&amp;Nuova centrale…</translation>
    </message>
    <message>
        <source>No backups yet</source>
        <translation>Ancora nessun backup</translation>
    </message>
    <message>
        <source>%1 is ready. Take its first backup now, or import a backup file you already have.</source>
        <translation>%1 è pronta. Esegui subito il suo primo backup, oppure importa un file di backup che hai già.</translation>
    </message>
    <message>
        <source>&amp;Back up %1 now</source>
        <translation>&amp;Esegui ora il backup di %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupsPage</name>
    <message>
        <source>Backup %1 deleted.</source>
        <translation>Backup %1 eliminato.</translation>
    </message>
</context>
<context>
    <name>pbxvault::BackupsView</name>
    <message>
        <source>Take a backup of the master PBX now</source>
        <translation>Esegui subito un backup della centrale master</translation>
    </message>
    <message>
        <source>Add a backup file from disk to the vault</source>
        <translation>Aggiungi al vault un file di backup dal disco</translation>
    </message>
    <message>
        <source>Filter by file name, PBX or IP address</source>
        <translation>Filtra per nome file, centrale o indirizzo IP</translation>
    </message>
    <message>
        <source>No backups yet. Click “Back up now” to take the first one, or import a backup file.</source>
        <translation>Ancora nessun backup. Fai clic su “Esegui backup” per eseguire il primo, oppure importa un file di backup.</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>The backup list could not be read: %1</source>
        <translation>Impossibile leggere l&apos;elenco dei backup: %1</translation>
    </message>
    <message>
        <source>All PBXs</source>
        <translation>Tutte le centrali</translation>
    </message>
    <message>
        <source>Back up %1 (master)</source>
        <translation>Backup di %1 (master)</translation>
    </message>
    <message>
        <source>Back up %1</source>
        <translation>Backup di %1</translation>
    </message>
    <message>
        <source>Loading backups…</source>
        <translation>Caricamento dei backup…</translation>
    </message>
    <message>
        <source>%L1 backups</source>
        <translation>%L1 backup</translation>
    </message>
    <message>
        <source>%L1 of %L2 backups shown</source>
        <translation>%L1 backup mostrati su %L2</translation>
    </message>
    <message>
        <source>Add a PBX first: open “PBXs” and click “New PBX”.</source>
        <translation>Aggiungi prima una centrale: apri “Centrali” e fai clic su “Nuova centrale”.</translation>
    </message>
    <message>
        <source>The backup of %1 was cancelled.</source>
        <translation>Il backup di %1 è stato annullato.</translation>
    </message>
    <message>
        <source>The backup of %1 failed: %2</source>
        <translation>Il backup di %1 non è riuscito: %2</translation>
    </message>
    <message>
        <source>Import a backup file</source>
        <translation>Importa un file di backup</translation>
    </message>
    <message>
        <source>KalliopePBX backups (*.bak *.tar *.tar.gz *.tgz);;All files (*)</source>
        <translation>Backup KalliopePBX (*.bak *.tar *.tar.gz *.tgz);;Tutti i file (*)</translation>
    </message>
    <message>
        <source>Add a PBX first: every backup belongs to a PBX.</source>
        <translation>Aggiungi prima una centrale: ogni backup appartiene a una centrale.</translation>
    </message>
    <message>
        <source>Backup imported.</source>
        <translation>Backup importato.</translation>
    </message>
    <message>
        <source>The import failed: %1</source>
        <translation>L&apos;importazione non è riuscita: %1</translation>
    </message>
    <message>
        <source>1 backup</source>
        <translation>1 backup</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Elimina…</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Esegui backup</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>&amp;Importa…</translation>
    </message>
    <message>
        <source>&amp;PBX:</source>
        <translation>&amp;Centrale:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Apri</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Ripristina…</translation>
    </message>
    <message>
        <source>&amp;Verify</source>
        <translation>&amp;Verifica</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Elimina…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Apri &amp;cartella</translation>
    </message>
    <message>
        <source>&amp;Copy path</source>
        <translation>Copia &amp;percorso</translation>
    </message>
    <message>
        <source>Backup %1 deleted.</source>
        <translation>Backup %1 eliminato.</translation>
    </message>
    <message>
        <source>Verifying %1…</source>
        <translation>Verifica di %1…</translation>
    </message>
    <message>
        <source>%1 is intact.</source>
        <translation>%1 è integro.</translation>
    </message>
    <message>
        <source>Verification of %1 failed: %2</source>
        <translation>Verifica di %1 non riuscita: %2</translation>
    </message>
    <message>
        <source>Could not open the folder %1.</source>
        <translation>Impossibile aprire la cartella %1.</translation>
    </message>
</context>
<context>
    <name>pbxvault::CatalogDialog</name>
    <message>
        <source>Catalog</source>
        <translation>Catalogo</translation>
    </message>
    <message>
        <source>The catalog lists the PBXs, backups, restores and jobs. A team shares one on a PostgreSQL server; every window and daemon using it sees the others&apos; work within seconds.</source>
        <translation>Il catalogo elenca centrali, backup, ripristini e attività. Un team ne condivide uno su un server PostgreSQL; ogni finestra e ogni daemon che lo usa vede il lavoro degli altri entro pochi secondi.</translation>
    </message>
    <message>
        <source>&amp;Local file in the data directory</source>
        <translation>File &amp;locale nella cartella dei dati</translation>
    </message>
    <message>
        <source>&amp;PostgreSQL server</source>
        <translation>Server &amp;PostgreSQL</translation>
    </message>
    <message>
        <source>db.example.com, or a socket folder such as /run/postgresql</source>
        <translation>db.example.com, oppure una cartella di socket come /run/postgresql</translation>
    </message>
    <message>
        <source>Empty: the one in the keychain, or PGPASSFILE</source>
        <translation>Vuota: quella del portachiavi, oppure PGPASSFILE</translation>
    </message>
    <message>
        <source>libpq&apos;s default (prefer)</source>
        <translation>predefinito di libpq (prefer)</translation>
    </message>
    <message>
        <source>Passed to the server connection as sslmode; verify-full checks the server&apos;s certificate and name</source>
        <translation>Passato alla connessione con il server come sslmode; verify-full controlla il certificato e il nome del server</translation>
    </message>
    <message>
        <source>Host:</source>
        <translation>Host:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>Porta:</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>Database:</translation>
    </message>
    <message>
        <source>User:</source>
        <translation>Utente:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>TLS:</source>
        <translation>TLS:</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>Prova la co&amp;nnessione</translation>
    </message>
    <message>
        <source>&amp;Copy this catalog to the server</source>
        <translation>&amp;Copia questo catalogo sul server</translation>
    </message>
    <message>
        <source>Copies every PBX, backup, restore and job of the open catalog into the server&apos;s empty one; the backup files stay where they are</source>
        <translation>Copia ogni centrale, backup, ripristino e attività del catalogo aperto nel catalogo vuoto del server; i file di backup restano dove sono</translation>
    </message>
    <message>
        <source>PBX Vault opens the new catalog the next time it starts.</source>
        <translation>PBX Vault apre il nuovo catalogo al prossimo avvio.</translation>
    </message>
    <message>
        <source>Local file: %1</source>
        <translation>File locale: %1</translation>
    </message>
    <message>
        <source>PostgreSQL: %1</source>
        <translation>PostgreSQL: %1</translation>
    </message>
    <message>
        <source>SQLite file: %1</source>
        <translation>File SQLite: %1</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connessione a %1…</translation>
    </message>
    <message>
        <source>The server did not accept the connection: %1</source>
        <translation>Il server non ha accettato la connessione: %1</translation>
    </message>
    <message>
        <source>Connected. The database holds no catalog yet: PBX Vault creates it on first use, or copy this one there.</source>
        <translation>Connesso. Il database non contiene ancora un catalogo: PBX Vault lo crea al primo utilizzo, oppure copia lì questo.</translation>
    </message>
    <message>
        <source>Connected. The catalog there is empty.</source>
        <translation>Connesso. Il catalogo sul server è vuoto.</translation>
    </message>
    <message>
        <source>Connected. The catalog there already has %1 and %2.</source>
        <translation>Connesso. Il catalogo sul server contiene già %1 e %2.</translation>
    </message>
    <message numerus="yes">
        <source>%n PBX(s)</source>
        <translation>
            <numerusform>%n centrale</numerusform>
            <numerusform>%n centrali</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s)</source>
        <translation>
            <numerusform>%n backup</numerusform>
            <numerusform>%n backup</numerusform>
        </translation>
    </message>
    <message>
        <source>Copying the catalog to %1…</source>
        <translation>Copia del catalogo in %1…</translation>
    </message>
    <message numerus="yes">
        <source>Copied: %n backup(s), every table&apos;s rows checked. Press OK to use the server&apos;s catalog from the next start.</source>
        <translation>
            <numerusform>Copiato: %n backup, righe di ogni tabella controllate. Premi OK per usare il catalogo del server dal prossimo avvio.</numerusform>
            <numerusform>Copiati: %n backup, righe di ogni tabella controllate. Premi OK per usare il catalogo del server dal prossimo avvio.</numerusform>
        </translation>
    </message>
    <message>
        <source>The copy failed and the server&apos;s catalog was left as it was: %1</source>
        <translation>La copia non è riuscita e il catalogo del server è rimasto com&apos;era: %1</translation>
    </message>
    <message>
        <source>The keychain did not store the password, so nothing was changed: %1</source>
        <translation>Il portachiavi non ha memorizzato la password, quindi non è stato cambiato nulla: %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::CertificatePrompt</name>
    <message>
        <source>Certificate changed</source>
        <translation>Certificato cambiato</translation>
    </message>
    <message>
        <source>Unknown certificate</source>
        <translation>Certificato sconosciuto</translation>
    </message>
    <message>
        <source>&lt;b&gt;The certificate of %1 (%2) has changed.&lt;/b&gt;&lt;br&gt;This happens when the PBX got a new certificate — or when someone is intercepting the connection. Trust the new certificate only if you know it was replaced; ask the PBX&apos;s administrator if in doubt.</source>
        <translation>&lt;b&gt;Il certificato di %1 (%2) è cambiato.&lt;/b&gt;&lt;br&gt;Succede quando la centrale ha ricevuto un nuovo certificato — oppure quando qualcuno sta intercettando la connessione. Considera attendibile il nuovo certificato solo se sai che è stato sostituito; nel dubbio chiedi all&apos;amministratore della centrale.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1 (%2) presents a certificate no authority vouches for.&lt;/b&gt;&lt;br&gt;PBXs often use a self-signed certificate. Compare this SHA-256 fingerprint with the one shown in the PBX&apos;s web interface; if they match, trust it and PBX Vault will accept only this certificate from now on.</source>
        <translation>&lt;b&gt;%1 (%2) presenta un certificato non garantito da alcuna autorità.&lt;/b&gt;&lt;br&gt;Le centrali usano spesso un certificato autofirmato. Confronta questa impronta SHA-256 con quella mostrata nell&apos;interfaccia web della centrale; se coincidono, consideralo attendibile e da ora in poi PBX Vault accetterà solo questo certificato.</translation>
    </message>
    <message>
        <source>Trusted until now:</source>
        <translation>Attendibile finora:</translation>
    </message>
    <message>
        <source>Presented now:</source>
        <translation>Presentato ora:</translation>
    </message>
    <message>
        <source>SHA-256:</source>
        <translation>SHA-256:</translation>
    </message>
    <message>
        <source>&amp;Trust the new certificate</source>
        <translation>&amp;Considera attendibile il nuovo certificato</translation>
    </message>
    <message>
        <source>&amp;Trust this certificate</source>
        <translation>&amp;Considera attendibile questo certificato</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t trust</source>
        <translation>&amp;Non considerare attendibile</translation>
    </message>
</context>
<context>
    <name>pbxvault::CertificateReview</name>
    <message>
        <source>Review certificate…</source>
        <translation>Esamina certificato…</translation>
    </message>
    <message>
        <source>Certificate trusted: %1 answered.</source>
        <translation>Certificato considerato attendibile: %1 ha risposto.</translation>
    </message>
    <message>
        <source>%1 answered: firmware %2.</source>
        <translation>%1 ha risposto: firmware %2.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>The certificate was not trusted; backups of this PBX will fail until it is.</source>
        <translation>Il certificato non è stato considerato attendibile; i backup di questa centrale non riusciranno finché non lo sarà.</translation>
    </message>
</context>
<context>
    <name>pbxvault::CliRunner</name>
    <message>
        <source>--timeout needs a number of seconds of at least 1.</source>
        <translation>--timeout richiede un numero di secondi pari almeno a 1.</translation>
    </message>
</context>
<context>
    <name>pbxvault::CopyTargetsDialog</name>
    <message>
        <source>Off-site copies</source>
        <translation>Copie esterne</translation>
    </message>
    <message>
        <source>After each backup, PBX Vault copies the new file to every enabled target and checks the copy&apos;s size and SHA-256. Encrypted backups stay encrypted there. A failed copy is retried and never touches the backup on this computer.</source>
        <translation>Dopo ogni backup, PBX Vault copia il nuovo file su ogni destinazione attiva e controlla dimensione e SHA-256 della copia. I backup cifrati restano cifrati anche lì. Una copia non riuscita viene ritentata e non tocca mai il backup su questo computer.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <source>Copies</source>
        <translation>Copie</translation>
    </message>
    <message>
        <source>Add &amp;folder…</source>
        <translation>Aggiungi &amp;cartella…</translation>
    </message>
    <message>
        <source>A mounted folder on another disk or a NAS</source>
        <translation>Una cartella montata su un altro disco o su un NAS</translation>
    </message>
    <message>
        <source>Add &amp;SFTP server…</source>
        <translation>Aggiungi server &amp;SFTP…</translation>
    </message>
    <message>
        <source>A server reachable over SSH, with a password or a private key</source>
        <translation>Un server raggiungibile via SSH, con una password o una chiave privata</translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation>&amp;Disattiva</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Rimuovi…</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nessuna</translation>
    </message>
    <message>
        <source>1 target</source>
        <translation>1 destinazione</translation>
    </message>
    <message>
        <source>%1 targets</source>
        <translation>%1 destinazioni</translation>
    </message>
    <message>
        <source>%1 disabled</source>
        <translation>disattivate: %1</translation>
    </message>
    <message>
        <source>1 failed copy</source>
        <translation>1 copia non riuscita</translation>
    </message>
    <message>
        <source>%1 failed copies</source>
        <translation>%1 copie non riuscite</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disattivata</translation>
    </message>
    <message>
        <source>%1 copied</source>
        <translation>copiati: %1</translation>
    </message>
    <message>
        <source>%1 failed</source>
        <translation>non riusciti: %1</translation>
    </message>
    <message>
        <source>%1 missing</source>
        <translation>mancanti: %1</translation>
    </message>
    <message>
        <source>Host key: %1</source>
        <translation>Chiave host: %1</translation>
    </message>
    <message>
        <source>&amp;Enable</source>
        <translation>&amp;Attiva</translation>
    </message>
    <message>
        <source>Copy new backups to this target again</source>
        <translation>Riprendi a copiare i nuovi backup su questa destinazione</translation>
    </message>
    <message>
        <source>Stop copying to this target for now</source>
        <translation>Sospendi per ora le copie su questa destinazione</translation>
    </message>
    <message>
        <source>Folder for the copies</source>
        <translation>Cartella per le copie</translation>
    </message>
    <message>
        <source>The folder %1 does not exist.</source>
        <translation>La cartella %1 non esiste.</translation>
    </message>
    <message>
        <source>%1 is inside PBX Vault&apos;s own folder: a copy on the same disk protects nothing. Choose a folder on another disk or a NAS.</source>
        <translation>%1 si trova nella cartella di PBX Vault: una copia sullo stesso disco non protegge da nulla. Scegli una cartella su un altro disco o su un NAS.</translation>
    </message>
    <message>
        <source>PBX Vault may not write in %1.</source>
        <translation>PBX Vault non ha il permesso di scrivere in %1.</translation>
    </message>
    <message>
        <source>%1 is already the copy target &quot;%2&quot;.</source>
        <translation>%1 è già la destinazione di copia &quot;%2&quot;.</translation>
    </message>
    <message>
        <source>Copy target &quot;%1&quot; added: every new backup is copied to %2.</source>
        <translation>Destinazione di copia &quot;%1&quot; aggiunta: ogni nuovo backup viene copiato su %2.</translation>
    </message>
    <message>
        <source>Remove copy target</source>
        <translation>Rimuovi destinazione di copia</translation>
    </message>
    <message>
        <source>Remove the copy target &quot;%1&quot;?</source>
        <translation>Rimuovere la destinazione di copia &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>PBX Vault stops copying backups to %1. The copies already there stay on the target: delete them there if you no longer need them.</source>
        <translation>PBX Vault smetterà di copiare i backup su %1. Le copie già presenti restano sulla destinazione: eliminale lì se non ti servono più.</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Copy target &quot;%1&quot; removed; the copies on it were left there.</source>
        <translation>Destinazione di copia &quot;%1&quot; rimossa; le copie già presenti vi sono state lasciate.</translation>
    </message>
    <message>
        <source>Copy target &quot;%1&quot; removed, but its password or key could not be deleted from the system keychain: %2</source>
        <translation>Destinazione di copia &quot;%1&quot; rimossa, ma non è stato possibile eliminarne la password o la chiave dal portachiavi di sistema: %2</translation>
    </message>
</context>
<context>
    <name>pbxvault::DeleteBackupDialog</name>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Delete backup</source>
        <translation>Elimina backup</translation>
    </message>
    <message>
        <source>&lt;b&gt;Delete the backup %1?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Eliminare il backup %1?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The file will be removed from this computer:
%1
This cannot be undone.</source>
        <translation>Il file verrà rimosso da questo computer:
%1
L&apos;operazione non si può annullare.</translation>
    </message>
    <message>
        <source>Also delete it from the PBX %1, if it is still stored there</source>
        <translation>Eliminalo anche dalla centrale %1, se vi è ancora conservato</translation>
    </message>
    <message>
        <source>The backup could not be deleted: %1</source>
        <translation>Impossibile eliminare il backup: %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::DesktopApp</name>
    <message>
        <source>PBX Vault</source>
        <translation>PBX Vault</translation>
    </message>
    <message>
        <source>This desktop has no system tray, so PBX Vault quits when you close its window.</source>
        <translation>Questo desktop non ha un&apos;area di notifica, quindi PBX Vault termina quando ne chiudi la finestra.</translation>
    </message>
    <message>
        <source>Scheduled backups run only while PBX Vault is running. To have them run without the window, start &quot;pbxvault daemon&quot; (for example as a system service).</source>
        <translation>I backup pianificati vengono eseguiti solo mentre PBX Vault è in funzione. Per eseguirli senza la finestra, avvia &quot;pbxvault daemon&quot; (ad esempio come servizio di sistema).</translation>
    </message>
    <message>
        <source>PBX Vault is still running</source>
        <translation>PBX Vault è ancora in funzione</translation>
    </message>
    <message>
        <source>Scheduled backups go on in the background. To exit, choose Quit in the tray icon&apos;s menu.</source>
        <translation>I backup pianificati proseguono in background. Per uscire, scegli Esci nel menu dell&apos;icona nell&apos;area di notifica.</translation>
    </message>
    <message>
        <source>Quit PBX Vault</source>
        <translation>Esci da PBX Vault</translation>
    </message>
    <message numerus="yes">
        <source>%n job(s) still running.</source>
        <translation>
            <numerusform>%n attività ancora in corso.</numerusform>
            <numerusform>%n attività ancora in corso.</numerusform>
        </translation>
    </message>
    <message>
        <source>Quitting cancels them. A cancelled backup leaves no partial file; a cancelled restore may leave the PBX half restored.</source>
        <translation>Uscendo verranno annullate. Un backup annullato non lascia file parziali; un ripristino annullato può lasciare la centrale ripristinata a metà.</translation>
    </message>
    <message>
        <source>Cancel Jobs and Quit</source>
        <translation>Annulla attività ed esci</translation>
    </message>
    <message>
        <source>Keep Running</source>
        <translation>Non uscire</translation>
    </message>
    <message>
        <source>Start at login</source>
        <translation>Avvio all&apos;accesso</translation>
    </message>
    <message>
        <source>PBX Vault could not be set to start at login.</source>
        <translation>Impossibile impostare l&apos;avvio di PBX Vault all&apos;accesso.</translation>
    </message>
    <message>
        <source>PBX Vault could not be removed from the login items.</source>
        <translation>Impossibile rimuovere PBX Vault dagli elementi di avvio.</translation>
    </message>
</context>
<context>
    <name>pbxvault::DiffLinesModel</name>
    <message>
        <source>Old</source>
        <comment>line number column</comment>
        <translation>Vecchia</translation>
    </message>
    <message>
        <source>New</source>
        <comment>line number column</comment>
        <translation>Nuova</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>#</source>
        <comment>line number column</comment>
        <translation>#</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Prima</translation>
    </message>
    <message>
        <source>After</source>
        <translation>Dopo</translation>
    </message>
</context>
<context>
    <name>pbxvault::DiffMemberModel</name>
    <message>
        <source>Unchanged</source>
        <translation>Invariato</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Modificato</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Aggiunto</translation>
    </message>
    <message>
        <source>Removed</source>
        <translation>Rimosso</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignorato</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Changes on every backup by nature; not compared.</source>
        <translation>Cambia per natura a ogni backup; non confrontato.</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
</context>
<context>
    <name>pbxvault::EncryptionDialog</name>
    <message>
        <source>Off</source>
        <translation>Disattivata</translation>
    </message>
    <message>
        <source>On — key %1, not loaded on this machine</source>
        <translation>Attiva — chiave %1, non caricata su questo computer</translation>
    </message>
    <message>
        <source>On — key %1</source>
        <translation>Attiva — chiave %1</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>Cifratura</translation>
    </message>
    <message>
        <source>Encrypted backups are unreadable without the vault key, which lives in this computer&apos;s keychain. The recovery key opens them anywhere: keep it offline. A backup exported or restored is the plain file the PBX expects.</source>
        <translation>I backup cifrati sono illeggibili senza la chiave del vault, che si trova nel portachiavi di questo computer. La chiave di ripristino li apre ovunque: conservala offline. Un backup esportato o ripristinato è il file in chiaro che la centrale si aspetta.</translation>
    </message>
    <message>
        <source>&amp;Turn encryption on…</source>
        <translation>&amp;Attiva cifratura…</translation>
    </message>
    <message>
        <source>&amp;Show recovery key…</source>
        <translation>&amp;Mostra chiave di ripristino…</translation>
    </message>
    <message>
        <source>&amp;Import recovery key…</source>
        <translation>&amp;Importa chiave di ripristino…</translation>
    </message>
    <message>
        <source>Import recovery key</source>
        <translation>Importa chiave di ripristino</translation>
    </message>
    <message>
        <source>14 groups of 4 characters, e.g. 7K3M-Q0ZD-…</source>
        <translation>14 gruppi di 4 caratteri, ad es. 7K3M-Q0ZD-…</translation>
    </message>
    <message>
        <source>Im&amp;port</source>
        <translation>Im&amp;porta</translation>
    </message>
    <message>
        <source>Existing backups</source>
        <translation>Backup esistenti</translation>
    </message>
    <message>
        <source>&amp;Encrypt existing backups</source>
        <translation>&amp;Cifra i backup esistenti</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Encryption: %1</source>
        <translation>Cifratura: %1</translation>
    </message>
    <message>
        <source>The vault key is not loaded on this machine: backups cannot be made, and encrypted ones cannot be opened, until its recovery key is imported.</source>
        <translation>La chiave del vault non è caricata su questo computer: non è possibile eseguire backup né aprire quelli cifrati finché non se ne importa la chiave di ripristino.</translation>
    </message>
    <message>
        <source>Every backup file is encrypted.</source>
        <translation>Tutti i file di backup sono cifrati.</translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) stored unencrypted. Turn encryption on to encrypt them.</source>
        <translation>
            <numerusform>%n backup salvato senza cifratura. Attiva la cifratura per cifrarlo.</numerusform>
            <numerusform>%n backup salvati senza cifratura. Attiva la cifratura per cifrarli.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) still stored unencrypted.</source>
        <translation>
            <numerusform>%n backup ancora salvato senza cifratura.</numerusform>
            <numerusform>%n backup ancora salvati senza cifratura.</numerusform>
        </translation>
    </message>
    <message>
        <source>Creating the vault key…</source>
        <translation>Creazione della chiave del vault…</translation>
    </message>
    <message>
        <source>Encryption could not be turned on: %1</source>
        <translation>Impossibile attivare la cifratura: %1</translation>
    </message>
    <message>
        <source>Show recovery key</source>
        <translation>Mostra chiave di ripristino</translation>
    </message>
    <message>
        <source>The recovery key opens every backup of this vault. Show it now? Make sure nobody else can see the screen.</source>
        <translation>La chiave di ripristino apre tutti i backup di questo vault. Mostrarla ora? Assicurati che nessun altro possa vedere lo schermo.</translation>
    </message>
    <message>
        <source>This is not a valid recovery key: %1</source>
        <translation>Questa non è una chiave di ripristino valida: %1</translation>
    </message>
    <message>
        <source>Key %1 imported: the backups encrypted with it can be opened.</source>
        <translation>Chiave %1 importata: i backup cifrati con questa chiave possono essere aperti.</translation>
    </message>
</context>
<context>
    <name>pbxvault::HeadlessScheduler</name>
    <message>
        <source>Running jobs did not finish in time; cancelling them.</source>
        <translation>Le attività in corso non sono terminate in tempo; vengono annullate.</translation>
    </message>
    <message>
        <source>Jobs did not stop after being cancelled; exiting anyway.</source>
        <translation>Le attività non si sono fermate dopo l&apos;annullamento; uscita comunque.</translation>
    </message>
    <message>
        <source>%1: backup attempt failed: %2 Retrying at %3.</source>
        <translation>%1: tentativo di backup non riuscito: %2 Nuovo tentativo alle %3.</translation>
    </message>
    <message>
        <source>%1 is overdue: no successful backup since %2.</source>
        <translation>%1 è in ritardo: nessun backup riuscito dal %2.</translation>
    </message>
    <message>
        <source>%1 is overdue: it has no successful backup yet.</source>
        <translation>%1 è in ritardo: non ha ancora alcun backup riuscito.</translation>
    </message>
    <message>
        <source>Cannot handle SIGTERM: %1</source>
        <translation>Impossibile gestire SIGTERM: %1</translation>
    </message>
    <message>
        <source>Scheduling is paused in the settings; nothing was run.</source>
        <translation>La pianificazione è sospesa nelle impostazioni; non è stato eseguito nulla.</translation>
    </message>
    <message numerus="yes">
        <source>Daemon started: %n PBX(s), at most %1 job(s) at once.</source>
        <translation>
            <numerusform>Daemon avviato: %n centrale, al massimo %1 attività alla volta.</numerusform>
            <numerusform>Daemon avviato: %n centrali, al massimo %1 attività alla volta.</numerusform>
        </translation>
    </message>
    <message>
        <source>Scheduling is paused in the settings.</source>
        <translation>La pianificazione è sospesa nelle impostazioni.</translation>
    </message>
    <message>
        <source>Next run: %1.</source>
        <translation>Prossima esecuzione: %1.</translation>
    </message>
    <message>
        <source>No PBX has a schedule yet.</source>
        <translation>Nessuna centrale ha ancora una pianificazione.</translation>
    </message>
    <message>
        <source>Now running at most %1 job(s) at once.</source>
        <translation>Ora al massimo %1 attività alla volta.</translation>
    </message>
    <message>
        <source>Scheduling paused.</source>
        <translation>Pianificazione sospesa.</translation>
    </message>
    <message>
        <source>Scheduling resumed.</source>
        <translation>Pianificazione ripresa.</translation>
    </message>
    <message>
        <source>Stopping: cancelling running jobs.</source>
        <translation>Arresto: annullamento delle attività in corso.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Arrestato.</translation>
    </message>
    <message numerus="yes">
        <source>Stopping: waiting for %n running job(s) to finish (a second signal cancels them).</source>
        <translation>
            <numerusform>Arresto: in attesa che termini %n attività in corso (un secondo segnale la annulla).</numerusform>
            <numerusform>Arresto: in attesa che terminino %n attività in corso (un secondo segnale le annulla).</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing is due.</source>
        <translation>Nessun backup in scadenza.</translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) finished.</source>
        <translation>
            <numerusform>%n backup terminato.</numerusform>
            <numerusform>%n backup terminati.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 backup(s) failed.</source>
        <translation>%1 backup su %2 non sono riusciti.</translation>
    </message>
    <message>
        <source>%1: backup started (%2).</source>
        <translation>%1: backup avviato (%2).</translation>
    </message>
    <message>
        <source>%1: backup finished (%2).</source>
        <translation>%1: backup terminato (%2).</translation>
    </message>
    <message>
        <source>%1: backup failed (%2): %3</source>
        <translation>%1: backup non riuscito (%2): %3</translation>
    </message>
    <message>
        <source>%1: skipped, another scheduler sharing the catalog runs it.</source>
        <translation>%1: saltata, la esegue un altro pianificatore che condivide il catalogo.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was run here: %n due PBX(s) are run by other schedulers.</source>
        <translation>
            <numerusform>Qui non è stato eseguito nulla: %n centrale in scadenza è eseguita da altri pianificatori.</numerusform>
            <numerusform>Qui non è stato eseguito nulla: %n centrali in scadenza sono eseguite da altri pianificatori.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pbxvault::HistoryDetailDialog</name>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <source>Copy these details to the clipboard</source>
        <translation>Copia questi dettagli negli appunti</translation>
    </message>
</context>
<context>
    <name>pbxvault::HistoryTable</name>
    <message>
        <source>Show &amp;details</source>
        <translation>Mostra &amp;dettagli</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
</context>
<context>
    <name>pbxvault::HookResult</name>
    <message>
        <source>pre-backup hook</source>
        <translation>hook pre-backup</translation>
    </message>
    <message>
        <source>post-backup hook</source>
        <translation>hook post-backup</translation>
    </message>
    <message>
        <source>pre-restore hook</source>
        <translation>hook pre-restore</translation>
    </message>
    <message>
        <source>post-restore hook</source>
        <translation>hook post-restore</translation>
    </message>
    <message>
        <source>The %1 finished successfully.%2</source>
        <translation>L&apos;%1 è terminato correttamente.%2</translation>
    </message>
    <message>
        <source>The %1 failed: it exited with code %2.%3</source>
        <translation>L&apos;%1 non è riuscito: è uscito con il codice %2.%3</translation>
    </message>
    <message>
        <source>The %1 was stopped: it ran longer than its time limit (%2 s).%3</source>
        <translation>L&apos;%1 è stato interrotto: è durato più del suo limite di tempo (%2 s).%3</translation>
    </message>
    <message>
        <source>The %1 failed: it was ended by a signal.%2</source>
        <translation>L&apos;%1 non è riuscito: è stato terminato da un segnale.%2</translation>
    </message>
    <message>
        <source>The %1 could not be started: %2</source>
        <translation>Impossibile avviare l&apos;%1: %2</translation>
    </message>
    <message>
        <source>The %1 was cancelled.%2</source>
        <translation>L&apos;%1 è stato annullato.%2</translation>
    </message>
    <message>
        <source>

What it printed:
%1</source>
        <translation>

Output prodotto:
%1</translation>
    </message>
    <message>
        <source>Skipped, nothing was done: %1</source>
        <translation>Attività saltata, non è stato fatto nulla: %1</translation>
    </message>
    <message>
        <source>
[output cut at %1 KiB]</source>
        <translation>
[output troncato a %1 KiB]</translation>
    </message>
</context>
<context>
    <name>pbxvault::HooksDialog</name>
    <message>
        <source>None</source>
        <translation>Nessuno</translation>
    </message>
    <message>
        <source>1 command</source>
        <translation>1 comando</translation>
    </message>
    <message>
        <source>%1 commands</source>
        <translation>%1 comandi</translation>
    </message>
    <message>
        <source>Hooks for every PBX</source>
        <translation>Hook per tutte le centrali</translation>
    </message>
    <message>
        <source>Hooks for PBX &quot;%1&quot;</source>
        <translation>Hook per la centrale &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Commands run on this computer before and after each backup and restore of every PBX. If a command before a job fails, the job is skipped; what the commands print goes to Activity.</source>
        <translation>Comandi eseguiti su questo computer prima e dopo ogni backup e ripristino di tutte le centrali. Se un comando che precede un&apos;attività non riesce, l&apos;attività viene saltata; ciò che i comandi stampano finisce in Attività.</translation>
    </message>
    <message>
        <source>Commands run on this computer before and after each backup and restore of this PBX, after the hooks for every PBX (before them once the job is done). If a command before a job fails, the job is skipped.</source>
        <translation>Comandi eseguiti su questo computer prima e dopo ogni backup e ripristino di questa centrale, dopo gli hook per tutte le centrali (prima di essi, una volta terminata l&apos;attività). Se un comando che precede un&apos;attività non riesce, l&apos;attività viene saltata.</translation>
    </message>
    <message>
        <source>Before a &amp;backup:</source>
        <translation>Prima di un &amp;backup:</translation>
    </message>
    <message>
        <source>&amp;After a backup:</source>
        <translation>&amp;Dopo un backup:</translation>
    </message>
    <message>
        <source>Before a &amp;restore:</source>
        <translation>Prima di un &amp;ripristino:</translation>
    </message>
    <message>
        <source>After a res&amp;tore:</source>
        <translation>D&amp;opo un ripristino:</translation>
    </message>
    <message>
        <source>e.g. mount /mnt/pbx-backups</source>
        <translation>ad es. mount /mnt/pbx-backups</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>A command still running after this long is stopped, with everything it started, and counts as failed.</source>
        <translation>Un comando ancora in esecuzione dopo questo tempo viene interrotto, insieme a tutto ciò che ha avviato, e viene considerato non riuscito.</translation>
    </message>
    <message>
        <source>Time &amp;limit:</source>
        <translation>&amp;Limite di tempo:</translation>
    </message>
    <message>
        <source>Commands run with %1 and get these environment variables: PBXVAULT_EVENT, PBXVAULT_PBX_NAME, PBXVAULT_PBX_URL, PBXVAULT_TENANT, PBXVAULT_JOB_ID, PBXVAULT_BACKUP_ID, PBXVAULT_BACKUP_FILE, and after a job PBXVAULT_OUTCOME and PBXVAULT_ERROR. Use the variables rather than writing names into the command. Never put a password in a command: it is kept in this computer&apos;s settings as plain text.</source>
        <translation>I comandi vengono eseguiti con %1 e ricevono queste variabili d&apos;ambiente: PBXVAULT_EVENT, PBXVAULT_PBX_NAME, PBXVAULT_PBX_URL, PBXVAULT_TENANT, PBXVAULT_JOB_ID, PBXVAULT_BACKUP_ID, PBXVAULT_BACKUP_FILE e, dopo un&apos;attività, PBXVAULT_OUTCOME e PBXVAULT_ERROR. Usa le variabili invece di scrivere i nomi nel comando. Non inserire mai una password in un comando: il comando viene salvato in chiaro nelle impostazioni di questo computer.</translation>
    </message>
</context>
<context>
    <name>pbxvault::Job</name>
    <message>
        <source>The operation failed.</source>
        <translation>L&apos;operazione non è riuscita.</translation>
    </message>
</context>
<context>
    <name>pbxvault::JobHooks</name>
    <message>
        <source>Running the pre-backup hook…</source>
        <translation>Esecuzione dell&apos;hook pre-backup…</translation>
    </message>
    <message>
        <source>Running the post-backup hook…</source>
        <translation>Esecuzione dell&apos;hook post-backup…</translation>
    </message>
    <message>
        <source>Running the pre-restore hook…</source>
        <translation>Esecuzione dell&apos;hook pre-restore…</translation>
    </message>
    <message>
        <source>Running the post-restore hook…</source>
        <translation>Esecuzione dell&apos;hook post-restore…</translation>
    </message>
</context>
<context>
    <name>pbxvault::JobLogModel</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Avvio</translation>
    </message>
    <message>
        <source>Operation</source>
        <translation>Operazione</translation>
    </message>
    <message>
        <source>Trigger</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>PBX</source>
        <translation>Centrale</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Dimensione</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Dettagli</translation>
    </message>
</context>
<context>
    <name>pbxvault::JobProgressWidget</name>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Annullamento in corso…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Avvio in corso…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>pbxvault::JobStatusIndicator</name>
    <message>
        <source>Cancel this job</source>
        <translation>Annulla questa attività</translation>
    </message>
    <message>
        <source>No jobs running</source>
        <translation>Nessuna attività in corso</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>(altre %1)</translation>
    </message>
</context>
<context>
    <name>pbxvault::MainWindow</name>
    <message>
        <source>PBX Vault</source>
        <translation>PBX Vault</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Restores</source>
        <translation>Ripristini</translation>
    </message>
    <message>
        <source>PBXs</source>
        <translation>Centrali</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Back to the list</source>
        <translation>Torna all&apos;elenco</translation>
    </message>
    <message>
        <source>Filter backups</source>
        <translation>Filtra i backup</translation>
    </message>
    <message>
        <source>New PBX</source>
        <translation>Nuova centrale</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Esegui backup</translation>
    </message>
</context>
<context>
    <name>pbxvault::MessageBar</name>
    <message>
        <source>Dismiss</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>pbxvault::Notifier</name>
    <message>
        <source>%1 backed up</source>
        <translation>Backup di %1 eseguito</translation>
    </message>
    <message>
        <source>The backup finished successfully.</source>
        <translation>Il backup è terminato correttamente.</translation>
    </message>
    <message>
        <source>The scheduled backup finished successfully.</source>
        <translation>Il backup pianificato è terminato correttamente.</translation>
    </message>
    <message>
        <source>Scheduled backup of %1 failed</source>
        <translation>Backup pianificato di %1 non riuscito</translation>
    </message>
    <message>
        <source>Catch-up backup of %1 failed</source>
        <translation>Backup di recupero di %1 non riuscito</translation>
    </message>
    <message>
        <source>Backup of %1 failed</source>
        <translation>Backup di %1 non riuscito</translation>
    </message>
    <message>
        <source>No reason was given.</source>
        <translation>Nessun motivo indicato.</translation>
    </message>
    <message>
        <source>No successful backup since %1, more than twice its scheduled interval.</source>
        <translation>Nessun backup riuscito dal %1, oltre il doppio dell&apos;intervallo pianificato.</translation>
    </message>
    <message>
        <source>It has a schedule but has never been backed up successfully.</source>
        <translation>Ha una pianificazione, ma non ha mai avuto un backup riuscito.</translation>
    </message>
    <message>
        <source>Backups of %1 are overdue</source>
        <translation>Backup di %1 in ritardo</translation>
    </message>
    <message>
        <source>Off-site copy of %1 failed</source>
        <translation>Copia esterna di %1 non riuscita</translation>
    </message>
    <message numerus="yes">
        <source>The backup itself is good and stays in the vault; %n copy(ies) will be tried again at the next backup. %1</source>
        <translation>
            <numerusform>Il backup in sé è integro e resta nel vault; %n copia verrà ritentata al prossimo backup. %1</numerusform>
            <numerusform>Il backup in sé è integro e resta nel vault; %n copie verranno ritentate al prossimo backup. %1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pbxvault::OffsiteCopier</name>
    <message>
        <source>to %1</source>
        <translation>su %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 su %2</translation>
    </message>
    <message>
        <source>%1 is not in the vault&apos;s backup folder.</source>
        <translation>%1 non si trova nella cartella dei backup del vault.</translation>
    </message>
    <message>
        <source>Copying to %1…</source>
        <translation>Copia su %1…</translation>
    </message>
    <message>
        <source>retention: %1 on %2</source>
        <translation>conservazione: %1 su %2</translation>
    </message>
</context>
<context>
    <name>pbxvault::Operations</name>
    <message>
        <source>&quot;%1&quot; is already the master PBX. Make it a secondary PBX first.</source>
        <translation>&quot;%1&quot; è già la centrale master. Rendila prima secondaria.</translation>
    </message>
    <message>
        <source>The fingerprint is not a SHA-256 value (64 hexadecimal digits, colons allowed).</source>
        <translation>L&apos;impronta non è un valore SHA-256 (64 cifre esadecimali, due punti ammessi).</translation>
    </message>
    <message>
        <source>The PBX needs a password.</source>
        <translation>La centrale richiede una password.</translation>
    </message>
    <message>
        <source>Storing the password in the system keychain</source>
        <translation>Salvataggio della password nel portachiavi di sistema</translation>
    </message>
    <message>
        <source>The PBX was not added because its password could not be stored in the system keychain: %1</source>
        <translation>La centrale non è stata aggiunta perché non è stato possibile salvarne la password nel portachiavi di sistema: %1</translation>
    </message>
    <message>
        <source>The fingerprint is not a SHA-256 value.</source>
        <translation>L&apos;impronta non è un valore SHA-256.</translation>
    </message>
    <message>
        <source>The password could not be stored in the system keychain: %1</source>
        <translation>Impossibile salvare la password nel portachiavi di sistema: %1</translation>
    </message>
    <message>
        <source>There is no PBX with id %1.</source>
        <translation>Non esiste alcuna centrale con id %1.</translation>
    </message>
    <message numerus="yes">
        <source>%1 was disabled; its %n backup(s) were kept.</source>
        <translation>
            <numerusform>%1 è stata disattivata; il suo backup (%n) è stato conservato.</numerusform>
            <numerusform>%1 è stata disattivata; i suoi %n backup sono stati conservati.</numerusform>
        </translation>
    </message>
    <message>
        <source>The password could not be removed from the keychain: %1</source>
        <translation>Impossibile rimuovere la password dal portachiavi: %1</translation>
    </message>
    <message>
        <source>Connecting to %1</source>
        <translation>Connessione a %1</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a SHA-256 fingerprint (64 hexadecimal digits, colons allowed).</source>
        <translation>&quot;%1&quot; non è un&apos;impronta SHA-256 (64 cifre esadecimali, due punti ammessi).</translation>
    </message>
    <message>
        <source>Another job is already running on %1; try again when it has finished.</source>
        <translation>Un&apos;altra attività è già in corso su %1; riprova quando sarà terminata.</translation>
    </message>
    <message>
        <source>%1 is disabled.</source>
        <translation>%1 è disattivata.</translation>
    </message>
    <message>
        <source>The backup or the target PBX no longer exists.</source>
        <translation>Il backup o la centrale di destinazione non esistono più.</translation>
    </message>
    <message>
        <source>There is no backup with id %1.</source>
        <translation>Non esiste alcun backup con id %1.</translation>
    </message>
    <message>
        <source>Verifying %1</source>
        <translation>Verifica di %1</translation>
    </message>
    <message>
        <source>The PBX of this backup is no longer registered.</source>
        <translation>La centrale di questo backup non è più registrata.</translation>
    </message>
    <message>
        <source>Deleting %1 from %2</source>
        <translation>Eliminazione di %1 da %2</translation>
    </message>
    <message>
        <source>The backup was already gone from the PBX.</source>
        <translation>Il backup non era più presente sulla centrale.</translation>
    </message>
    <message>
        <source>Cannot read %1.</source>
        <translation>Impossibile leggere %1.</translation>
    </message>
    <message>
        <source>Importing %1</source>
        <translation>Importazione di %1</translation>
    </message>
    <message>
        <source>Imported from %1</source>
        <translation>Importato da %1</translation>
    </message>
    <message numerus="yes">
        <source>Waiting: %n other backup(s) are running</source>
        <translation>
            <numerusform>In attesa: è in corso %n altro backup</numerusform>
            <numerusform>In attesa: sono in corso altri %n backup</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelled before it started.</source>
        <translation>Annullato prima dell&apos;avvio.</translation>
    </message>
    <message>
        <source>The file of %1 is missing (%2), so it cannot be restored.</source>
        <translation>Il file di %1 manca (%2), quindi non può essere ripristinato.</translation>
    </message>
    <message>
        <source>%1 failed its last verification, so it cannot be restored. Verify it again if the file was repaired.</source>
        <translation>%1 non ha superato l&apos;ultima verifica, quindi non può essere ripristinato. Verificalo di nuovo se il file è stato riparato.</translation>
    </message>
    <message>
        <source>%1 is not a backup PBX Vault can read, so it was not imported. Import it as &quot;checksum only&quot; only if you know it is a backup of this PBX.</source>
        <translation>%1 non è un backup leggibile da PBX Vault, quindi non è stato importato. Importalo come &quot;solo checksum&quot; solo se sai che è un backup di questa centrale.</translation>
    </message>
    <message>
        <source>%1 was not imported: %2</source>
        <translation>%1 non è stato importato: %2</translation>
    </message>
    <message>
        <source>No password for PBX &quot;%1&quot; is stored in the system keychain. Enter it again in the PBX&apos;s settings.</source>
        <translation>Nel portachiavi di sistema non è memorizzata alcuna password per la centrale &quot;%1&quot;. Inseriscila di nuovo nelle impostazioni della centrale.</translation>
    </message>
    <message>
        <source>Cannot read the password of PBX &quot;%1&quot;: %2</source>
        <translation>Impossibile leggere la password della centrale &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Asking %1 for the backups it keeps</source>
        <translation>Richiesta a %1 dei backup che conserva</translation>
    </message>
    <message numerus="yes">
        <source>%n of %1 backup(s) could not be fetched. The first: %2</source>
        <translation>
            <numerusform>Impossibile scaricare %n backup su %1. Errore: %2</numerusform>
            <numerusform>Impossibile scaricare %n backup su %1. Primo errore: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Fetching %1 of %2: %3</source>
        <translation>Scaricamento %1 di %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>pbxvault::PbxChoiceDialog</name>
    <message>
        <source>Import backup</source>
        <translation>Importa backup</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Import &lt;b&gt;%1&lt;/b&gt; into the vault. Which PBX was this backup taken from?</source>
        <translation>Importa &lt;b&gt;%1&lt;/b&gt; nel vault. Da quale centrale proviene questo backup?</translation>
    </message>
    <message>
        <source>PBX:</source>
        <translation>Centrale:</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Importazione</translation>
    </message>
    <message>
        <source>Also import it if PBX Vault cannot read its format (checksum only)</source>
        <translation>Importalo anche se PBX Vault non sa leggerne il formato (solo checksum)</translation>
    </message>
    <message>
        <source>A file that is not an archive PBX Vault can read is refused: nothing about its content can be checked. Tick the box only if you know it is a backup of this PBX; it will be marked &quot;checksum only&quot; everywhere.</source>
        <translation>Un file che non è un archivio leggibile da PBX Vault viene rifiutato: non è possibile controllarne in alcun modo il contenuto. Seleziona la casella solo se sai che è un backup di questa centrale; verrà contrassegnato ovunque come &quot;solo checksum&quot;.</translation>
    </message>
</context>
<context>
    <name>pbxvault::PbxDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Edit PBX</source>
        <translation>Modifica centrale</translation>
    </message>
    <message>
        <source>New PBX</source>
        <translation>Nuova centrale</translation>
    </message>
    <message>
        <source>e.g. Head office</source>
        <translation>ad es. Sede principale</translation>
    </message>
    <message>
        <source>https:// is added when you leave it out.</source>
        <translation>Se lo ometti, viene aggiunto https://.</translation>
    </message>
    <message>
        <source>Master — the PBX normally backed up</source>
        <translation>Master — la centrale di cui si fa normalmente il backup</translation>
    </message>
    <message>
        <source>Secondary — a restore target, may also be backed up</source>
        <translation>Secondaria — destinazione dei ripristini, può avere anche i suoi backup</translation>
    </message>
    <message>
        <source> days</source>
        <translation> giorni</translation>
    </message>
    <message>
        <source>Leave empty to keep the stored password</source>
        <translation>Lascia vuoto per mantenere la password salvata</translation>
    </message>
    <message>
        <source>Stored in the system keychain</source>
        <translation>Salvata nel portachiavi di sistema</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Connessione</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Address:</source>
        <translation>Indirizzo:</translation>
    </message>
    <message>
        <source>Tenant:</source>
        <translation>Tenant:</translation>
    </message>
    <message>
        <source>Username:</source>
        <translation>Nome utente:</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <source>Backups</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>Role:</source>
        <translation>Ruolo:</translation>
    </message>
    <message>
        <source>Schedule:</source>
        <translation>Pianificazione:</translation>
    </message>
    <message>
        <source>Retention:</source>
        <translation>Conservazione:</translation>
    </message>
    <message>
        <source>Type the password to test the changed settings.</source>
        <translation>Digita la password per provare le impostazioni modificate.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connessione a %1…</translation>
    </message>
    <message>
        <source>✓ Connected. Firmware %1.</source>
        <translation>✓ Connesso. Firmware %1.</translation>
    </message>
    <message>
        <source>✗ %1</source>
        <translation>✗ %1</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Prova connessione</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Salva</translation>
    </message>
    <message>
        <source>no limit</source>
        <translation>nessun limite</translation>
    </message>
    <message>
        <source> newest</source>
        <translation> più recenti</translation>
    </message>
    <message>
        <source>keep by count:</source>
        <translation>per numero:</translation>
    </message>
    <message>
        <source>keep by age:</source>
        <translation>per età:</translation>
    </message>
    <message>
        <source>Backups of this PBX are never deleted automatically.</source>
        <translation>I backup di questa centrale non vengono mai eliminati automaticamente.</translation>
    </message>
    <message>
        <source>After each backup, only the newest backup of this PBX is kept.</source>
        <translation>Dopo ogni backup viene conservato solo il backup più recente di questa centrale.</translation>
    </message>
    <message>
        <source>After each backup, only the newest %L1 backups of this PBX are kept.</source>
        <translation>Dopo ogni backup vengono conservati solo i %L1 backup più recenti di questa centrale.</translation>
    </message>
    <message>
        <source>After each backup, backups of this PBX older than %L1 days are deleted.</source>
        <translation>Dopo ogni backup vengono eliminati i backup di questa centrale più vecchi di %L1 giorni.</translation>
    </message>
    <message>
        <source>After each backup, a backup of this PBX is deleted once it is older than %L1 days and at least %L2 newer backups exist.</source>
        <translation>Dopo ogni backup, un backup di questa centrale viene eliminato quando è più vecchio di %L1 giorni ed esistono almeno %L2 backup più recenti.</translation>
    </message>
    <message>
        <source>The newest backup is always kept.</source>
        <translation>Il backup più recente viene sempre conservato.</translation>
    </message>
    <message>
        <source>Cancel &amp;test</source>
        <translation>Annulla &amp;prova</translation>
    </message>
    <message>
        <source>Test cancelled.</source>
        <translation>Prova annullata.</translation>
    </message>
    <message>
        <source>Connection test failed</source>
        <translation>Prova di connessione non riuscita</translation>
    </message>
    <message>
        <source>PBX Vault could not connect to this PBX:

%1

Save it anyway? Its backups will fail until the problem is fixed.</source>
        <translation>PBX Vault non è riuscito a connettersi a questa centrale:

%1

Salvarla comunque? I suoi backup non riusciranno finché il problema non sarà risolto.</translation>
    </message>
    <message>
        <source>Save &amp;anyway</source>
        <translation>Salva &amp;comunque</translation>
    </message>
    <message>
        <source>&amp;Go back</source>
        <translation>&amp;Torna indietro</translation>
    </message>
    <message>
        <source>Keep only backups that differ from the previous one</source>
        <translation>Conserva solo i backup diversi dal precedente</translation>
    </message>
    <message>
        <source>A scheduled backup with no changes since the previous backup is verified, then discarded; the Activity log records it as unchanged. Backups you start by hand are always kept.</source>
        <translation>Un backup pianificato senza modifiche rispetto al backup precedente viene verificato, poi scartato; il registro Attività lo riporta come invariato. I backup avviati manualmente vengono sempre conservati.</translation>
    </message>
</context>
<context>
    <name>pbxvault::PbxRemoteBackupsDialog</name>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;Aggiorna</translation>
    </message>
    <message>
        <source>&amp;Fetch</source>
        <translation>&amp;Scarica</translation>
    </message>
    <message>
        <source>Fetch &amp;all missing</source>
        <translation>Scarica &amp;tutti i mancanti</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Backups kept by %1</source>
        <translation>Backup conservati da %1</translation>
    </message>
    <message>
        <source>The PBX keeps backups of its own. Fetching one downloads it into the vault, verifies it and lists it as fetched from the PBX; nothing changes on the PBX.</source>
        <translation>La centrale conserva dei backup propri. Scaricarne uno significa copiarlo nel vault, verificarlo ed elencarlo come scaricato dalla centrale; sulla centrale non cambia nulla.</translation>
    </message>
    <message>
        <source>Name on the PBX</source>
        <translation>Nome sulla centrale</translation>
    </message>
    <message>
        <source>In the vault</source>
        <translation>Nel vault</translation>
    </message>
    <message>
        <source>Download the selected backups into the vault</source>
        <translation>Scarica nel vault i backup selezionati</translation>
    </message>
    <message>
        <source>Download every backup of the PBX the vault does not hold yet</source>
        <translation>Scarica tutti i backup della centrale non ancora presenti nel vault</translation>
    </message>
    <message>
        <source>Asking %1 for the backups it keeps…</source>
        <translation>Richiesta a %1 dei backup che conserva…</translation>
    </message>
    <message>
        <source>Fetching %1 of %2: %3</source>
        <translation>Scaricamento %1 di %2: %3</translation>
    </message>
    <message>
        <source>Fetching %1…</source>
        <translation>Scaricamento di %1…</translation>
    </message>
    <message>
        <source>Fetching every backup the vault does not hold…</source>
        <translation>Scaricamento di tutti i backup non presenti nel vault…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>%1 keeps no backups of its own.</source>
        <translation>%1 non conserva backup propri.</translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) on the PBX, all in the vault.</source>
        <translation>
            <numerusform>%n backup sulla centrale, già nel vault.</numerusform>
            <numerusform>%n backup sulla centrale, tutti nel vault.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n backup(s) on the PBX, %1 not in the vault.</source>
        <translation>
            <numerusform>%n backup sulla centrale; non nel vault: %1.</numerusform>
            <numerusform>%n backup sulla centrale; non nel vault: %1.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fetched %n backup(s).</source>
        <translation>
            <numerusform>%n backup scaricato.</numerusform>
            <numerusform>%n backup scaricati.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>pbxvault::PbxTreeModel</name>
    <message>
        <source>Master PBX — none yet: add one with “New PBX”</source>
        <translation>Centrale master — nessuna: aggiungila con “Nuova centrale”</translation>
    </message>
    <message>
        <source>Master PBX</source>
        <translation>Centrale master</translation>
    </message>
    <message>
        <source>Secondary PBXs — none yet (restore targets, optional)</source>
        <translation>Centrali secondarie — nessuna (destinazioni dei ripristini, facoltative)</translation>
    </message>
    <message>
        <source>Secondary PBXs (%1)</source>
        <translation>Centrali secondarie (%1)</translation>
    </message>
    <message>
        <source>%1 (disabled)</source>
        <translation>%1 (disattivata)</translation>
    </message>
    <message>
        <source>never</source>
        <translation>mai</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Indirizzo</translation>
    </message>
    <message>
        <source>Tenant</source>
        <translation>Tenant</translation>
    </message>
    <message>
        <source>Automatic backups</source>
        <translation>Backup automatici</translation>
    </message>
    <message>
        <source>Last success</source>
        <translation>Ultimo riuscito</translation>
    </message>
    <message>
        <source>Last failure</source>
        <translation>Ultimo fallito</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prossima esecuzione</translation>
    </message>
    <message>
        <source>The certificate of this PBX is not trusted: use “Review certificate…”.</source>
        <translation>Il certificato di questa centrale non è considerato attendibile: usa “Esamina certificato…”.</translation>
    </message>
    <message>
        <source>%1
(double-click for the full message)</source>
        <translation>%1
(doppio clic per il messaggio completo)</translation>
    </message>
</context>
<context>
    <name>pbxvault::PbxsView</name>
    <message>
        <source>New PBX</source>
        <translation>Nuova centrale</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Rimuovi…</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Prova connessione</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>Esegui backup</translation>
    </message>
    <message>
        <source>“Back up now” in Backups backs up the master PBX. Secondary PBXs are where a backup can also be restored; each PBX can have its own automatic backups.</source>
        <translation>“Esegui backup” in Backup salva la centrale master. Le centrali secondarie sono quelle su cui si può anche ripristinare un backup; ogni centrale può avere i suoi backup automatici.</translation>
    </message>
    <message>
        <source>PBXs</source>
        <translation>Centrali</translation>
    </message>
    <message>
        <source>Manual only</source>
        <translation>Solo manuale</translation>
    </message>
    <message>
        <source>PBX added.</source>
        <translation>Centrale aggiunta.</translation>
    </message>
    <message>
        <source>Changes saved.</source>
        <translation>Modifiche salvate.</translation>
    </message>
    <message>
        <source>%1 removed.</source>
        <translation>%1 rimossa.</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connessione a %1…</translation>
    </message>
    <message>
        <source>Review certificate…</source>
        <translation>Esamina certificato…</translation>
    </message>
    <message>
        <source>Failure details…</source>
        <translation>Dettagli errore…</translation>
    </message>
    <message>
        <source>PBX&apos;s &amp;own backups…</source>
        <translation>&amp;Backup sulla centrale…</translation>
    </message>
    <message>
        <source>Compare the certificate this PBX presents with the one in its web interface, and trust it</source>
        <translation>Confronta il certificato presentato da questa centrale con quello della sua interfaccia web e consideralo attendibile</translation>
    </message>
    <message>
        <source>The backups this PBX keeps of its own; fetch them into the vault</source>
        <translation>I backup che questa centrale conserva in proprio; scaricali nel vault</translation>
    </message>
    <message>
        <source>The full message of this PBX&apos;s last failed backup</source>
        <translation>Il messaggio completo dell&apos;ultimo backup non riuscito di questa centrale</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>&amp;Modifica…</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation>&amp;Prova connessione</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Esegui backup</translation>
    </message>
    <message>
        <source>Review &amp;certificate…</source>
        <translation>Esamina &amp;certificato…</translation>
    </message>
    <message>
        <source>&amp;Failure details…</source>
        <translation>&amp;Dettagli errore…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>&amp;Rimuovi…</translation>
    </message>
    <message>
        <source>Last failure of %1</source>
        <translation>Ultimo errore di %1</translation>
    </message>
    <message>
        <source>PBX:</source>
        <translation>Centrale:</translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation>Fallito:</translation>
    </message>
    <message>
        <source>Last success:</source>
        <translation>Ultimo riuscito:</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Errore:</translation>
    </message>
    <message>
        <source>The backup of %1 failed: %2</source>
        <translation>Il backup di %1 non è riuscito: %2</translation>
    </message>
    <message>
        <source>&amp;Hooks…</source>
        <translation>&amp;Hook…</translation>
    </message>
</context>
<context>
    <name>pbxvault::PendingRetries</name>
    <message>
        <source>retrying now</source>
        <translation>nuovo tentativo ora</translation>
    </message>
    <message>
        <source>retrying in %1 s</source>
        <translation>nuovo tentativo tra %1 s</translation>
    </message>
    <message>
        <source>retrying in %1</source>
        <translation>nuovo tentativo tra %1</translation>
    </message>
    <message>
        <source>Backup of %1: %2</source>
        <translation>Backup di %1: %2</translation>
    </message>
    <message>
        <source>(attempt %1 of %2)</source>
        <translation>(tentativo %1 di %2)</translation>
    </message>
    <message>
        <source>(attempt %1)</source>
        <translation>(tentativo %1)</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>(altri %1)</translation>
    </message>
</context>
<context>
    <name>pbxvault::RecoveryKeyDialog</name>
    <message>
        <source>Recovery key</source>
        <translation>Chiave di ripristino</translation>
    </message>
    <message>
        <source>&lt;b&gt;Encryption is on.&lt;/b&gt; Every new backup of this vault is stored encrypted. Write down or print this recovery key now: it is shown only this once, and without it the backups cannot be opened on another machine, or here if the keychain is lost.</source>
        <translation>&lt;b&gt;La cifratura è attiva.&lt;/b&gt; Ogni nuovo backup di questo vault viene salvato cifrato. Annota o stampa ora questa chiave di ripristino: viene mostrata solo questa volta e senza di essa i backup non possono essere aperti su un altro computer, né qui se il portachiavi va perso.</translation>
    </message>
    <message>
        <source>&lt;b&gt;PBX Vault encrypts the backups of this new vault.&lt;/b&gt; A backup holds every password of the PBX, so it is stored encrypted with a key kept in this computer&apos;s keychain. Write down or print this recovery key now: without it the backups cannot be opened on another machine, or here if the keychain is lost.</source>
        <translation>&lt;b&gt;PBX Vault cifra i backup di questo nuovo vault.&lt;/b&gt; Un backup contiene tutte le password della centrale, quindi viene salvato cifrato con una chiave custodita nel portachiavi di questo computer. Annota o stampa ora questa chiave di ripristino: senza di essa i backup non possono essere aperti su un altro computer, né qui se il portachiavi va perso.</translation>
    </message>
    <message>
        <source>The recovery key of this vault. Anyone who has it can read every backup of this vault: keep it offline, printed or in a safe.</source>
        <translation>La chiave di ripristino di questo vault. Chiunque la possieda può leggere tutti i backup di questo vault: conservala offline, stampata o in una cassaforte.</translation>
    </message>
    <message>
        <source>Key id: %1</source>
        <translation>Id chiave: %1</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Copia</translation>
    </message>
    <message>
        <source>Copied. Paste it where it stays safe, then clear the clipboard.</source>
        <translation>Copiata. Incollala in un luogo sicuro, poi svuota gli appunti.</translation>
    </message>
    <message>
        <source>&amp;Save as text file…</source>
        <translation>&amp;Salva come file di testo…</translation>
    </message>
    <message>
        <source>I have stored the recovery key in a safe place</source>
        <translation>Ho conservato la chiave di ripristino in un luogo sicuro</translation>
    </message>
    <message>
        <source>&amp;Close</source>
        <translation>C&amp;hiudi</translation>
    </message>
    <message>
        <source>&amp;Done</source>
        <translation>&amp;Fine</translation>
    </message>
    <message>
        <source>&amp;Keep backups unencrypted</source>
        <translation>&amp;Mantieni i backup non cifrati</translation>
    </message>
    <message>
        <source>You can turn encryption on later in Settings.</source>
        <translation>Puoi attivare la cifratura in seguito nelle Impostazioni.</translation>
    </message>
    <message>
        <source>PBX Vault recovery key</source>
        <translation>Chiave di ripristino di PBX Vault</translation>
    </message>
    <message>
        <source>Anyone who has this key can read every backup of the vault. Keep it offline (printed, in a safe) and delete this file once it is stored.</source>
        <translation>Chiunque possieda questa chiave può leggere tutti i backup del vault. Conservala offline (stampata, in una cassaforte) ed elimina questo file dopo averla messa al sicuro.</translation>
    </message>
    <message>
        <source>Save the recovery key</source>
        <translation>Salva la chiave di ripristino</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>File di testo (*.txt)</translation>
    </message>
    <message>
        <source>The recovery key could not be saved to %1: %2</source>
        <translation>Impossibile salvare la chiave di ripristino in %1: %2</translation>
    </message>
    <message>
        <source>Saved to %1. Print it or move it somewhere safe, then delete the file.</source>
        <translation>Salvata in %1. Stampala o spostala in un luogo sicuro, poi elimina il file.</translation>
    </message>
</context>
<context>
    <name>pbxvault::RemovePbxDialog</name>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Remove PBX</source>
        <translation>Rimuovi centrale</translation>
    </message>
    <message>
        <source>&lt;b&gt;Remove %1 from PBX Vault?&lt;/b&gt;&lt;br&gt;Its password is removed from the keychain and it is no longer backed up. Nothing changes on the PBX itself.</source>
        <translation>&lt;b&gt;Rimuovere %1 da PBX Vault?&lt;/b&gt;&lt;br&gt;La sua password viene rimossa dal portachiavi e non se ne faranno più backup. Sulla centrale non cambia nulla.</translation>
    </message>
    <message>
        <source>Keep its %L1 backups (the PBX stays listed as disabled)</source>
        <translation>Conserva i suoi %L1 backup (la centrale resta in elenco come disattivata)</translation>
    </message>
    <message>
        <source>Delete its %L1 backups from this computer too</source>
        <translation>Elimina anche i suoi %L1 backup da questo computer</translation>
    </message>
    <message>
        <source>The PBX could not be removed: %1</source>
        <translation>Impossibile rimuovere la centrale: %1</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Rimuovi</translation>
    </message>
</context>
<context>
    <name>pbxvault::RestoreDialog</name>
    <message>
        <source>Restore now</source>
        <translation>Ripristina ora</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Ripristina backup</translation>
    </message>
    <message>
        <source>Backup &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;taken %2 on %3, firmware %4</source>
        <translation>Backup &lt;b&gt;%1&lt;/b&gt;&lt;br&gt;eseguito il %2 su %3, firmware %4</translation>
    </message>
    <message>
        <source>%1 — %2 (master)</source>
        <translation>%1 — %2 (master)</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>Back up the target PBX first (recommended)</source>
        <translation>Esegui prima il backup della centrale di destinazione (consigliato)</translation>
    </message>
    <message>
        <source>I understand the risk: restore anyway</source>
        <translation>Sono consapevole del rischio: ripristina comunque</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Restore onto:</source>
        <translation>Ripristina su:</translation>
    </message>
    <message>
        <source>Show restore history</source>
        <translation>Mostra lo storico dei ripristini</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>There is no PBX to restore onto. Add one in “PBXs” first.</source>
        <translation>Non c&apos;è alcuna centrale su cui ripristinare. Aggiungine prima una in “Centrali”.</translation>
    </message>
    <message>
        <source>A safety backup of %1 is taken first. If it fails, nothing is restored.</source>
        <translation>Prima viene eseguito un backup di sicurezza di %1. Se non riesce, non viene ripristinato nulla.</translation>
    </message>
    <message>
        <source>&lt;b&gt;No safety backup&lt;/b&gt;: the current configuration of %1 is not kept.</source>
        <translation>&lt;b&gt;Nessun backup di sicurezza&lt;/b&gt;: la configurazione attuale di %1 non viene conservata.</translation>
    </message>
    <message>
        <source>The backup is sent to %1 (%2), which replaces its configuration with it.</source>
        <translation>Il backup viene inviato a %1 (%2), che sostituisce con esso la propria configurazione.</translation>
    </message>
    <message>
        <source>The outcome is recorded in the restore history.</source>
        <translation>L&apos;esito viene registrato nello storico dei ripristini.</translation>
    </message>
    <message>
        <source>&lt;b&gt;What will happen&lt;/b&gt;</source>
        <translation>&lt;b&gt;Cosa succederà&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Controllo di %1…</translation>
    </message>
    <message>
        <source>This backup was taken on %1, not on %2: %2 will get the configuration of another PBX.</source>
        <translation>Questo backup è stato eseguito su %1, non su %2: %2 riceverà la configurazione di un&apos;altra centrale.</translation>
    </message>
    <message>
        <source>The backup comes from firmware %1, newer than the firmware of %2 (%3). The PBX may reject it or misbehave.</source>
        <translation>Il backup proviene dal firmware %1, più recente del firmware di %2 (%3). La centrale potrebbe rifiutarlo o funzionare male.</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>%1 non è raggiungibile: %2</translation>
    </message>
    <message>
        <source>Replace the configuration of &lt;b&gt;%1&lt;/b&gt; now?</source>
        <translation>Sostituire ora la configurazione di &lt;b&gt;%1&lt;/b&gt;?</translation>
    </message>
    <message>
        <source>&lt;b&gt;Restoring onto %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ripristino su %1&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Restore completed&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ripristino completato&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 now runs the configuration from %2.</source>
        <translation>%1 ora usa la configurazione di %2.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Restore cancelled&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ripristino annullato&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The restore onto %1 was cancelled.</source>
        <translation>Il ripristino su %1 è stato annullato.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Restore failed&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ripristino fallito&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The restore onto %1 failed: %2</source>
        <translation>Il ripristino su %1 non è riuscito: %2</translation>
    </message>
</context>
<context>
    <name>pbxvault::RestoreFlow</name>
    <message>
        <source>Cannot record the restore in the history: %1</source>
        <translation>Impossibile registrare il ripristino nello storico: %1</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>Controllo di %1</translation>
    </message>
    <message>
        <source>The backup failed verification, so it was not restored: %1</source>
        <translation>Il backup non ha superato la verifica, quindi non è stato ripristinato: %1</translation>
    </message>
    <message>
        <source>Asking %1 for its firmware version</source>
        <translation>Richiesta della versione del firmware a %1</translation>
    </message>
    <message>
        <source>The backup was made on firmware %1, newer than the firmware of %2 (%3). Restore it only if you are sure, with the force option.</source>
        <translation>Il backup è stato eseguito con il firmware %1, più recente del firmware di %2 (%3). Ripristinalo solo se ne sei sicuro, con l&apos;opzione per forzare.</translation>
    </message>
    <message>
        <source>Safety backup before restoring %1</source>
        <translation>Backup di sicurezza prima di ripristinare %1</translation>
    </message>
    <message>
        <source>The safety backup of %1 failed, so the restore did not start: %2</source>
        <translation>Il backup di sicurezza di %1 non è riuscito, quindi il ripristino non è partito: %2</translation>
    </message>
    <message>
        <source>Restoring %1 onto %2</source>
        <translation>Ripristino di %1 su %2</translation>
    </message>
    <message>
        <source>The encrypted backup could not be decrypted for the upload, so it was not restored: %1</source>
        <translation>Impossibile decifrare il backup cifrato per il caricamento, quindi non è stato ripristinato: %1</translation>
    </message>
    <message>
        <source>the decrypted file differs from the backup</source>
        <translation>il file decifrato è diverso dal backup</translation>
    </message>
    <message>
        <source>Fetching %1 from %2</source>
        <translation>Scaricamento di %1 da %2</translation>
    </message>
    <message>
        <source>The local file was missing; its copy on %1 was fetched.</source>
        <translation>Il file locale mancava; è stata scaricata la sua copia da %1.</translation>
    </message>
    <message>
        <source>The local file was damaged; its copy on %1 replaced it.</source>
        <translation>Il file locale era danneggiato; è stato sostituito dalla sua copia su %1.</translation>
    </message>
</context>
<context>
    <name>pbxvault::RestoreTableModel</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Started %1, finished %2</source>
        <translation>Iniziato il %1, terminato il %2</translation>
    </message>
    <message>
        <source>This backup has since been deleted</source>
        <translation>Questo backup è stato eliminato nel frattempo</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Data</translation>
    </message>
    <message>
        <source>PBX URL</source>
        <translation>URL centrale</translation>
    </message>
    <message>
        <source>Backup file</source>
        <translation>File di backup</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
</context>
<context>
    <name>pbxvault::RestoresView</name>
    <message>
        <source>Restores</source>
        <translation>Ripristini</translation>
    </message>
    <message>
        <source>No failed restores.</source>
        <translation>Nessun ripristino fallito.</translation>
    </message>
    <message>
        <source>No restores yet. Open a backup and click “Restore…” to load it into a PBX.</source>
        <translation>Ancora nessun ripristino. Apri un backup e fai clic su “Ripristina…” per caricarlo in una centrale.</translation>
    </message>
    <message>
        <source>&amp;Failed only</source>
        <translation>Solo &amp;falliti</translation>
    </message>
    <message>
        <source>Restore of %1</source>
        <translation>Ripristino di %1</translation>
    </message>
    <message>
        <source>Outcome:</source>
        <translation>Esito:</translation>
    </message>
    <message>
        <source>Started:</source>
        <translation>Avvio:</translation>
    </message>
    <message>
        <source>Finished:</source>
        <translation>Fine:</translation>
    </message>
    <message>
        <source>Target PBX:</source>
        <translation>Centrale di destinazione:</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Backup:</source>
        <translation>Backup:</translation>
    </message>
    <message>
        <source>%1 (deleted since)</source>
        <translation>%1 (eliminato nel frattempo)</translation>
    </message>
    <message>
        <source>Safety backup:</source>
        <translation>Backup di sicurezza:</translation>
    </message>
    <message>
        <source>deleted since</source>
        <translation>eliminato nel frattempo</translation>
    </message>
    <message>
        <source>none taken</source>
        <translation>non eseguito</translation>
    </message>
    <message>
        <source>Error:</source>
        <translation>Errore:</translation>
    </message>
    <message>
        <source>Open &amp;backup</source>
        <translation>Apri &amp;backup</translation>
    </message>
    <message>
        <source>Open &amp;safety backup</source>
        <translation>Apri backup di &amp;sicurezza</translation>
    </message>
    <message>
        <source>The backup of the target PBX taken just before this restore</source>
        <translation>Il backup della centrale di destinazione eseguito subito prima di questo ripristino</translation>
    </message>
</context>
<context>
    <name>pbxvault::ScheduleEditor</name>
    <message>
        <source>at minute</source>
        <translation>al minuto</translation>
    </message>
    <message>
        <source>on</source>
        <translation>di</translation>
    </message>
    <message>
        <source>at</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>No automatic backups</source>
        <translation>Nessun backup automatico</translation>
    </message>
    <message>
        <source>Every hour</source>
        <translation>Ogni ora</translation>
    </message>
    <message>
        <source>Every day</source>
        <translation>Ogni giorno</translation>
    </message>
    <message>
        <source>Every week</source>
        <translation>Ogni settimana</translation>
    </message>
    <message>
        <source>Cron expression</source>
        <translation>Espressione cron</translation>
    </message>
    <message>
        <source>minute hour day month weekday, e.g. 30 2 * * 1-5</source>
        <translation>minuto ora giorno mese giorno-settimana, ad es. 30 2 * * 1-5</translation>
    </message>
    <message>
        <source>Type a cron expression, or choose another schedule.</source>
        <translation>Digita un&apos;espressione cron, oppure scegli un&apos;altra pianificazione.</translation>
    </message>
    <message>
        <source>This is not a valid cron expression.</source>
        <translation>Questa non è un&apos;espressione cron valida.</translation>
    </message>
    <message>
        <source>Backed up only when you click “Back up now”.</source>
        <translation>Backup solo quando fai clic su “Esegui backup”.</translation>
    </message>
    <message>
        <source>This schedule never runs.</source>
        <translation>Questa pianificazione non viene mai eseguita.</translation>
    </message>
    <message>
        <source>Next runs: %1</source>
        <translation>Prossime esecuzioni: %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::SchedulerService</name>
    <message>
        <source>PBX #%1</source>
        <translation>Centrale #%1</translation>
    </message>
    <message>
        <source>another PBX Vault process (%1, pid %2 on %3)</source>
        <translation>un altro processo di PBX Vault (%1, pid %2 su %3)</translation>
    </message>
</context>
<context>
    <name>pbxvault::SettingsView</name>
    <message>
        <source>Storage</source>
        <translation>Archiviazione</translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation>Cartella dei dati:</translation>
    </message>
    <message>
        <source>Catalog:</source>
        <translation>Catalogo:</translation>
    </message>
    <message>
        <source>Jobs and notifications</source>
        <translation>Attività e notifiche</translation>
    </message>
    <message>
        <source>How many PBXs are backed up or restored at the same time</source>
        <translation>Quante centrali vengono salvate o ripristinate contemporaneamente</translation>
    </message>
    <message>
        <source>Also notify when a backup or restore succeeds</source>
        <translation>Notifica anche quando un backup o un ripristino riesce</translation>
    </message>
    <message>
        <source>Concurrent jobs:</source>
        <translation>Attività simultanee:</translation>
    </message>
    <message>
        <source>Notifications:</source>
        <translation>Notifiche:</translation>
    </message>
    <message>
        <source>Failures are always notified.</source>
        <translation>Gli errori vengono sempre notificati.</translation>
    </message>
    <message>
        <source>Application</source>
        <translation>Applicazione</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>Lingua di sistema</translation>
    </message>
    <message>
        <source>The new language applies the next time PBX Vault starts.</source>
        <translation>La nuova lingua si applica al prossimo avvio di PBX Vault.</translation>
    </message>
    <message>
        <source>Start PBX Vault in the system tray when I log in</source>
        <translation>Avvia PBX Vault nell&apos;area di notifica all&apos;accesso</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>Lingua:</translation>
    </message>
    <message>
        <source>At login:</source>
        <translation>All&apos;accesso:</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Scheduled backups run only while PBX Vault is running: in the window, in the tray, or as &quot;pbxvault daemon&quot;.</source>
        <translation>I backup pianificati vengono eseguiti solo mentre PBX Vault è in funzione: nella finestra, nell&apos;area di notifica o come &quot;pbxvault daemon&quot;.</translation>
    </message>
    <message>
        <source>PBX Vault %1</source>
        <translation>PBX Vault %1</translation>
    </message>
    <message>
        <source>About PBX Vault</source>
        <translation>Informazioni su PBX Vault</translation>
    </message>
    <message>
        <source>&lt;h3&gt;PBX Vault %1&lt;/h3&gt;&lt;p&gt;Backups of KalliopePBX phone systems: on demand or on a schedule, verified, and restorable onto the PBX they came from or onto any other registered PBX, with a safety backup first.&lt;/p&gt;&lt;p&gt;Built with Qt %2.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;PBX Vault %1&lt;/h3&gt;&lt;p&gt;Backup delle centrali telefoniche KalliopePBX: su richiesta o pianificati, verificati e ripristinabili sulla centrale di provenienza o su qualsiasi altra centrale registrata, con un backup di sicurezza preliminare.&lt;/p&gt;&lt;p&gt;Compilato con Qt %2.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Versione:</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Apri</translation>
    </message>
    <message>
        <source>A&amp;bout PBX Vault…</source>
        <translation>&amp;Informazioni su PBX Vault…</translation>
    </message>
    <message>
        <source>About &amp;Qt…</source>
        <translation>Informazioni su &amp;Qt…</translation>
    </message>
    <message>
        <source>&amp;Hooks…</source>
        <translation>&amp;Hook…</translation>
    </message>
    <message>
        <source>Commands to run before and after every backup and restore</source>
        <translation>Comandi da eseguire prima e dopo ogni backup e ripristino</translation>
    </message>
    <message>
        <source>Hooks:</source>
        <translation>Hook:</translation>
    </message>
    <message>
        <source>&amp;Encryption…</source>
        <translation>&amp;Cifratura…</translation>
    </message>
    <message>
        <source>Turn encryption on, show or import the recovery key, encrypt the existing backups</source>
        <translation>Attiva la cifratura, mostra o importa la chiave di ripristino, cifra i backup esistenti</translation>
    </message>
    <message>
        <source>Encryption:</source>
        <translation>Cifratura:</translation>
    </message>
    <message>
        <source>Copy &amp;targets…</source>
        <translation>&amp;Destinazioni di copia…</translation>
    </message>
    <message>
        <source>Copy every backup to a second folder or an SFTP server</source>
        <translation>Copia ogni backup in una seconda cartella o su un server SFTP</translation>
    </message>
    <message>
        <source>Off-site copies:</source>
        <translation>Copie esterne:</translation>
    </message>
    <message>
        <source>Use the local file or a team&apos;s PostgreSQL server</source>
        <translation>Usa il file locale o il server PostgreSQL di un team</translation>
    </message>
    <message>
        <source>From the next start: %1. Restart PBX Vault to use it.</source>
        <translation>Dal prossimo avvio: %1. Riavvia PBX Vault per usarlo.</translation>
    </message>
    <message>
        <source>&amp;Change…</source>
        <translation>Ca&amp;mbia…</translation>
    </message>
    <message>
        <source>Keep new backups on each computer or in a team&apos;s shared store</source>
        <translation>Tieni i nuovi backup su ogni computer o nell&apos;archivio condiviso di un team</translation>
    </message>
    <message>
        <source>Backup store:</source>
        <translation>Archivio dei backup:</translation>
    </message>
    <message>
        <source>Chan&amp;ge…</source>
        <translation>Cam&amp;bia…</translation>
    </message>
</context>
<context>
    <name>pbxvault::SftpTargetDialog</name>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Password</translation>
    </message>
    <message>
        <source>Private &amp;key file</source>
        <translation>File della chia&amp;ve privata</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>S&amp;foglia…</translation>
    </message>
    <message>
        <source>Add SFTP server</source>
        <translation>Aggiungi server SFTP</translation>
    </message>
    <message>
        <source>The server&apos;s name if empty</source>
        <translation>Il nome del server, se vuoto</translation>
    </message>
    <message>
        <source>backup.example.com</source>
        <translation>backup.example.com</translation>
    </message>
    <message>
        <source>pbx-backups</source>
        <translation>pbx-backups</translation>
    </message>
    <message>
        <source>~/.ssh/id_ed25519</source>
        <translation>~/.ssh/id_ed25519</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>P&amp;orta:</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Nome:</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>&amp;Server:</translation>
    </message>
    <message>
        <source>&amp;User:</source>
        <translation>&amp;Utente:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>C&amp;artella:</translation>
    </message>
    <message>
        <source>Relative to the user&apos;s home folder, or an absolute path such as /srv/pbx-backups. Empty: the home folder.</source>
        <translation>Relativa alla cartella home dell&apos;utente, oppure un percorso assoluto come /srv/pbx-backups. Se vuota: la cartella home.</translation>
    </message>
    <message>
        <source>Log in with:</source>
        <translation>Accesso con:</translation>
    </message>
    <message>
        <source>The password or the key is kept in the system keychain, never in PBX Vault&apos;s files. Keys protected by a passphrase are not supported.</source>
        <translation>La password o la chiave viene custodita nel portachiavi di sistema, mai nei file di PBX Vault. Le chiavi protette da passphrase non sono supportate.</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>File della chiave privata</translation>
    </message>
    <message>
        <source>&lt;b&gt;Trust this host key?&lt;/b&gt;</source>
        <translation>&lt;b&gt;Considerare attendibile questa chiave host?&lt;/b&gt;</translation>
    </message>
    <message>
        <source>The server shows this host key:</source>
        <translation>Il server presenta questa chiave host:</translation>
    </message>
    <message>
        <source>Compare it with the key the server&apos;s administrator gives you (on the server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Once trusted, PBX Vault refuses to copy to this server if its key ever changes.</source>
        <translation>Confrontala con la chiave fornita dall&apos;amministratore del server (sul server: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub). Una volta considerata attendibile, PBX Vault si rifiuterà di copiare su questo server se la sua chiave dovesse cambiare.</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>&amp;Connetti</translation>
    </message>
    <message>
        <source>&amp;Trust and save</source>
        <translation>Conside&amp;ra attendibile e salva</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>Connessione a %1…</translation>
    </message>
    <message>
        <source>Logging in to %1 as %2…</source>
        <translation>Accesso a %1 come %2…</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvataggio in corso…</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Inserisci la password.</translation>
    </message>
    <message>
        <source>Choose the private key file.</source>
        <translation>Scegli il file della chiave privata.</translation>
    </message>
    <message>
        <source>Cannot read the key file %1: %2</source>
        <translation>Impossibile leggere il file della chiave %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a private key file (a .pub file is the public half; choose the file without .pub).</source>
        <translation>%1 non è un file di chiave privata (un file .pub è la metà pubblica; scegli il file senza .pub).</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name or address.</source>
        <translation>Inserisci il nome o l&apos;indirizzo del server.</translation>
    </message>
    <message>
        <source>Enter the user to log in as.</source>
        <translation>Inserisci l&apos;utente con cui accedere.</translation>
    </message>
    <message>
        <source>A copy target named &quot;%1&quot; exists already: choose another name.</source>
        <translation>Esiste già una destinazione di copia di nome &quot;%1&quot;: scegli un altro nome.</translation>
    </message>
    <message>
        <source>Cannot use %1: %2 Nothing was saved.</source>
        <translation>Impossibile usare %1: %2 Non è stato salvato nulla.</translation>
    </message>
    <message>
        <source>The password or key cannot be kept in the system keychain, so nothing was saved: %1</source>
        <translation>Impossibile custodire la password o la chiave nel portachiavi di sistema, quindi non è stato salvato nulla: %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::SingleInstance</name>
    <message>
        <source>PBX Vault is already running on this data directory.</source>
        <translation>PBX Vault è già in funzione su questa cartella dei dati.</translation>
    </message>
    <message>
        <source>Cannot create the lock file %1.</source>
        <translation>Impossibile creare il file di blocco %1.</translation>
    </message>
    <message>
        <source>Cannot listen for other launches: %1</source>
        <translation>Impossibile restare in ascolto di altri avvii: %1</translation>
    </message>
    <message>
        <source>The running PBX Vault did not answer.</source>
        <translation>L&apos;istanza di PBX Vault in funzione non ha risposto.</translation>
    </message>
    <message>
        <source>PBX Vault is running on this data directory but does not answer.</source>
        <translation>PBX Vault è in funzione su questa cartella dei dati ma non risponde.</translation>
    </message>
    <message>
        <source>Cannot reach the running PBX Vault: %1</source>
        <translation>Impossibile raggiungere l&apos;istanza di PBX Vault in funzione: %1</translation>
    </message>
    <message>
        <source>The running PBX Vault refused the request.</source>
        <translation>L&apos;istanza di PBX Vault in funzione ha rifiutato la richiesta.</translation>
    </message>
</context>
<context>
    <name>pbxvault::SocketReply</name>
    <message>
        <source>the PBX sent more than %1 bytes in one header line</source>
        <translation>il PBX ha inviato più di %1 byte in una riga di intestazione</translation>
    </message>
    <message>
        <source>the PBX sent more than %1 bytes of headers</source>
        <translation>il PBX ha inviato più di %1 byte di intestazioni</translation>
    </message>
    <message>
        <source>the PBX did not answer in HTTP/1.1</source>
        <translation>il PBX non ha risposto in HTTP/1.1</translation>
    </message>
    <message>
        <source>the PBX sent a malformed header line</source>
        <translation>il PBX ha inviato una riga di intestazione malformata</translation>
    </message>
    <message>
        <source>the PBX sent more than %1 header fields</source>
        <translation>il PBX ha inviato più di %1 campi di intestazione</translation>
    </message>
    <message>
        <source>the PBX sent an invalid Content-Length</source>
        <translation>il PBX ha inviato un Content-Length non valido</translation>
    </message>
    <message>
        <source>the PBX closed the connection before the end of the answer</source>
        <translation>il PBX ha chiuso la connessione prima della fine della risposta</translation>
    </message>
    <message>
        <source>a chunk of the answer has an invalid size</source>
        <translation>un blocco della risposta ha una dimensione non valida</translation>
    </message>
    <message>
        <source>a chunk of the answer is longer than its size</source>
        <translation>un blocco della risposta è più lungo della sua dimensione</translation>
    </message>
    <message>
        <source>the request was cancelled</source>
        <translation>la richiesta è stata annullata</translation>
    </message>
</context>
<context>
    <name>pbxvault::StoreDialog</name>
    <message>
        <source>Backup store</source>
        <translation>Archivio dei backup</translation>
    </message>
    <message>
        <source>Where new backups of every computer using this catalog go. A team keeps them in a shared store: a folder on a share that every member mounts, each computer wherever it likes.</source>
        <translation>Dove vanno i nuovi backup di ogni computer che usa questo catalogo. Un team li tiene in un archivio condiviso: una cartella su una condivisione che ogni membro monta, ciascun computer dove preferisce.</translation>
    </message>
    <message>
        <source>On this &amp;computer</source>
        <translation>Su questo &amp;computer</translation>
    </message>
    <message>
        <source>In a &amp;shared store</source>
        <translation>In un archivio con&amp;diviso</translation>
    </message>
    <message>
        <source>Where this computer mounts the share, e.g. /mnt/nas/pbx</source>
        <translation>Dove questo computer monta la condivisione, ad es. /mnt/nas/pbx</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>S&amp;foglia…</translation>
    </message>
    <message>
        <source>Store &amp;name:</source>
        <translation>&amp;Nome dell&apos;archivio:</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>Ca&amp;rtella:</translation>
    </message>
    <message>
        <source>When the folder already holds this catalog&apos;s store of that name, this computer is mapped to it; otherwise the store is created there.</source>
        <translation>Se la cartella contiene già l&apos;archivio di questo catalogo con quel nome, questo computer viene associato a esso; altrimenti l&apos;archivio viene creato lì.</translation>
    </message>
    <message>
        <source>Shared stores on this computer:</source>
        <translation>Archivi condivisi su questo computer:</translation>
    </message>
    <message>
        <source>Store</source>
        <translation>Archivio</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Cartella</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>&amp;Map to a folder…</source>
        <translation>&amp;Associa a una cartella…</translation>
    </message>
    <message>
        <source>Where this computer mounts the selected store, to reach the backups in it; where new backups go does not change</source>
        <translation>Dove questo computer monta l&apos;archivio selezionato, per raggiungerne i backup; dove vanno i nuovi backup non cambia</translation>
    </message>
    <message>
        <source>&amp;Unmap</source>
        <translation>R&amp;imuovi associazione</translation>
    </message>
    <message>
        <source>Forget where this computer mounts the selected store; its files are left alone</source>
        <translation>Dimentica dove questo computer monta l&apos;archivio selezionato; i suoi file non vengono toccati</translation>
    </message>
    <message>
        <source>Every PBX Vault window and daemon of the team follows a change from its next backup; backups taken before stay where they are.</source>
        <translation>Ogni finestra e ogni daemon di PBX Vault del team segue una modifica dal suo prossimo backup; i backup fatti prima restano dove sono.</translation>
    </message>
    <message>
        <source>On this computer: %1</source>
        <translation>Su questo computer: %1</translation>
    </message>
    <message>
        <source>Shared store &quot;%1&quot;, not mapped on this computer</source>
        <translation>Archivio condiviso &quot;%1&quot;, non associato su questo computer</translation>
    </message>
    <message>
        <source>Shared store &quot;%1&quot; at %2</source>
        <translation>Archivio condiviso &quot;%1&quot; in %2</translation>
    </message>
    <message>
        <source>Reachable</source>
        <translation>Raggiungibile</translation>
    </message>
    <message>
        <source>Not mapped</source>
        <translation>Non associato</translation>
    </message>
    <message>
        <source>Not reachable</source>
        <translation>Non raggiungibile</translation>
    </message>
    <message>
        <source>%1 · new backups go here</source>
        <translation>%1 · i nuovi backup vanno qui</translation>
    </message>
    <message>
        <source>Folder of the shared store</source>
        <translation>Cartella dell&apos;archivio condiviso</translation>
    </message>
    <message>
        <source>Folder of the shared store &quot;%1&quot;</source>
        <translation>Cartella dell&apos;archivio condiviso &quot;%1&quot;</translation>
    </message>
    <message>
        <source>%1 does not hold the shared store &quot;%2&quot; of this catalog (no matching %3 marker there: is the share mounted?), so nothing was changed.</source>
        <translation>%1 non contiene l&apos;archivio condiviso &quot;%2&quot; di questo catalogo (manca un file segnaposto %3 corrispondente: la condivisione è montata?), quindi non è stato cambiato nulla.</translation>
    </message>
    <message>
        <source>This computer now reaches the shared store &quot;%1&quot; at %2.</source>
        <translation>Ora questo computer raggiunge l&apos;archivio condiviso &quot;%1&quot; in %2.</translation>
    </message>
    <message>
        <source>The shared store &quot;%1&quot; is not mapped on this computer.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è associato a una cartella su questo computer.</translation>
    </message>
    <message>
        <source>The shared store &quot;%1&quot; is no longer mapped on this computer; its files were left alone.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è più associato su questo computer; i suoi file non sono stati toccati.</translation>
    </message>
    <message>
        <source>The catalog did not record the change, so nothing was changed: %1</source>
        <translation>Il catalogo non ha registrato la modifica, quindi non è stato cambiato nulla: %1</translation>
    </message>
    <message>
        <source>Give the full path of the folder where this computer mounts the store.</source>
        <translation>Indica il percorso completo della cartella in cui questo computer monta l&apos;archivio.</translation>
    </message>
    <message>
        <source>The catalog did not record the shared store: %1</source>
        <translation>Il catalogo non ha registrato l&apos;archivio condiviso: %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::TerminalProgress</name>
    <message>
        <source>%1 of %2 done: %3</source>
        <translation>%1 di %2 completati: %3</translation>
    </message>
</context>
<context>
    <name>pbxvault::TrayController</name>
    <message>
        <source>Open PBX Vault</source>
        <translation>Apri PBX Vault</translation>
    </message>
    <message>
        <source>Back up all now</source>
        <translation>Esegui backup di tutte</translation>
    </message>
    <message>
        <source>Back up one PBX</source>
        <translation>Backup di una centrale</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Esci</translation>
    </message>
    <message>
        <source>today %1</source>
        <translation>oggi alle %1</translation>
    </message>
    <message>
        <source>tomorrow %1</source>
        <translation>domani alle %1</translation>
    </message>
    <message>
        <source>Scheduling paused</source>
        <translation>Pianificazione sospesa</translation>
    </message>
    <message>
        <source>Schedules run by %1</source>
        <translation>Pianificazioni eseguite da %1</translation>
    </message>
    <message>
        <source>No backups scheduled</source>
        <translation>Nessun backup pianificato</translation>
    </message>
    <message>
        <source>Next scheduled run: %1</source>
        <translation>Prossima esecuzione pianificata: %1</translation>
    </message>
    <message>
        <source>Jobs running: %1</source>
        <translation>Attività in corso: %1</translation>
    </message>
    <message>
        <source>The last backup failed</source>
        <translation>L&apos;ultimo backup non è riuscito</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Inattivo</translation>
    </message>
    <message>
        <source>PBX Vault</source>
        <translation>PBX Vault</translation>
    </message>
    <message>
        <source>Resume scheduling</source>
        <translation>Riprendi pianificazione</translation>
    </message>
    <message>
        <source>Pause scheduling</source>
        <translation>Sospendi pianificazione</translation>
    </message>
    <message>
        <source>No PBXs registered</source>
        <translation>Nessuna centrale registrata</translation>
    </message>
    <message>
        <source>Nothing to back up</source>
        <translation>Nessun backup da eseguire</translation>
    </message>
    <message>
        <source>Every PBX is already being backed up, or none is enabled.</source>
        <translation>È già in corso il backup di tutte le centrali, oppure nessuna è attiva.</translation>
    </message>
    <message>
        <source>Cannot back up %1</source>
        <translation>Impossibile eseguire il backup di %1</translation>
    </message>
    <message>
        <source>A backup of this PBX is already running, or the PBX is disabled.</source>
        <translation>È già in corso un backup di questa centrale, oppure la centrale è disattivata.</translation>
    </message>
</context>
<context>
    <name>pbxvault::Vault</name>
    <message>
        <source>The vault is encrypted and its key (%1) is not loaded on this machine, so nothing was written. Import the recovery key (Settings → Encryption…, or pbxvault key import) or unlock the keychain.</source>
        <translation>Il vault è cifrato e la sua chiave (%1) non è caricata su questo computer, quindi non è stato scritto nulla. Importa la chiave di ripristino (Impostazioni → Cifratura…, oppure pbxvault key import) o sblocca il portachiavi.</translation>
    </message>
    <message>
        <source>The loaded key (%1) is not the key of this vault (%2), so nothing was written.</source>
        <translation>La chiave caricata (%1) non è la chiave di questo vault (%2), quindi non è stato scritto nulla.</translation>
    </message>
    <message>
        <source>Cannot tell whether the vault is encrypted, so nothing was written: %1</source>
        <translation>Impossibile stabilire se il vault è cifrato, quindi non è stato scritto nulla: %1</translation>
    </message>
    <message>
        <source>The backups of this catalog go to the shared store &quot;%1&quot;, which is not mapped on this computer, so nothing was written. Map it to the folder where this computer mounts the share: Settings → Backup store…, or pbxvault store map %1 FOLDER.</source>
        <translation>I backup di questo catalogo vanno nell&apos;archivio condiviso &quot;%1&quot;, che non è associato su questo computer, quindi non è stato scritto nulla. Associalo alla cartella in cui questo computer monta la condivisione: Impostazioni → Archivio dei backup…, oppure pbxvault store map %1 FOLDER.</translation>
    </message>
    <message>
        <source>The shared store &quot;%1&quot; is not reachable at %2 (its marker file .pbxvault-store is missing: is the share mounted?), so nothing was written.</source>
        <translation>L&apos;archivio condiviso &quot;%1&quot; non è raggiungibile in %2 (manca il suo file segnaposto .pbxvault-store: la condivisione è montata?), quindi non è stato scritto nulla.</translation>
    </message>
    <message>
        <source>%2 is not the shared store &quot;%1&quot; of this catalog (its marker names &quot;%3&quot; or another catalog), so nothing was written. Map the store to the right folder.</source>
        <translation>%2 non è l&apos;archivio condiviso &quot;%1&quot; di questo catalogo (il suo file segnaposto indica &quot;%3&quot; o un altro catalogo), quindi non è stato scritto nulla. Associa l&apos;archivio alla cartella giusta.</translation>
    </message>
    <message>
        <source>%1 is in the shared store &quot;%2&quot;, which is not mapped on this computer, so it cannot be reached here and was left as it is. Map the store: Settings → Backup store…, or pbxvault store map %2 FOLDER.</source>
        <translation>%1 è nell&apos;archivio condiviso &quot;%2&quot;, che non è associato su questo computer, quindi qui non è raggiungibile ed è rimasto com&apos;era. Associa l&apos;archivio: Impostazioni → Archivio dei backup…, oppure pbxvault store map %2 FOLDER.</translation>
    </message>
    <message>
        <source>Cannot tell where the backups of this catalog go, so nothing was written: %1</source>
        <translation>Impossibile stabilire dove vanno i backup di questo catalogo, quindi non è stato scritto nulla: %1</translation>
    </message>
</context>
<context>
    <name>pbxvault::VaultEncryption</name>
    <message numerus="yes">
        <source>%n encrypted</source>
        <translation>
            <numerusform>%n cifrato</numerusform>
            <numerusform>%n cifrati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n non riuscito</numerusform>
            <numerusform>%n non riusciti</numerusform>
        </translation>
    </message>
    <message>
        <source>backup %1: %2</source>
        <translation>backup %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n not tried (cancelled)</source>
        <translation>
            <numerusform>%n non tentato (annullato)</numerusform>
            <numerusform>%n non tentati (annullati)</numerusform>
        </translation>
    </message>
    <message>
        <source>The keychain holds the key %1, but the vault is encrypted with the key %2.</source>
        <translation>Il portachiavi contiene la chiave %1, ma il vault è cifrato con la chiave %2.</translation>
    </message>
    <message>
        <source>This vault is already encrypted (key %1).</source>
        <translation>Questo vault è già cifrato (chiave %1).</translation>
    </message>
    <message>
        <source>This recovery key (key %1) is not the key of this vault (key %2); nothing was changed.</source>
        <translation>Questa chiave di ripristino (chiave %1) non è la chiave di questo vault (chiave %2); non è stato modificato nulla.</translation>
    </message>
    <message>
        <source>another job is running on its PBX; run the command again later</source>
        <translation>un&apos;altra attività è in corso sulla sua centrale; esegui di nuovo il comando più tardi</translation>
    </message>
</context>
</TS>
