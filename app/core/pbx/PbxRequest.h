#pragma once

#include "PbxClient.h"
#include "PbxErrors.h"

#include "common/Sha256.h"

#include <QNetworkReply>

#include <QElapsedTimer>
#include <QNetworkRequest>
#include <QSslError>
#include <QTimer>

class QNetworkReply;

namespace pbxvault {

// One PbxCall: looks up the tenant salt when it is not cached, then sends the request with a
// fresh X-authenticate header and handles the answer (streamed into a sink for files).
class PbxRequest : public PbxCall
{
    Q_OBJECT
public:
    enum class Answer
    {
        None,
        Firmware,
        Names,
        File
    };
    struct Spec
    {
        QByteArray verb;     // GET, POST, DELETE
        QString path;        // below the base URL; segments already percent-encoded
        ErrorMessage action; // for messages: "list the backups on pbx.example.com"
        Answer answer = Answer::None;
        QIODevice *sink = nullptr; // Answer::File
        QByteArray json;           // JSON body, when not empty
        QString uploadFile;        // multipart upload of this file, when not empty
        QString uploadName;
        QString backupName;      // for "no such backup"; null when the call names none
        bool restore = false;    // a 503 means a restore is already running
        bool serverWork = false; // the PBX may work long before answering (create, restore)
        ErrorMessage invalid;    // set by the client when the arguments are unusable
    };

    PbxRequest(PbxClient *client, const Spec &spec);
    ~PbxRequest() override;

    void cancel() override;

private:
    enum class Phase
    {
        Idle,
        Salt,
        Main
    };

    void start();
    void sendSalt();
    void sendMain();
    QNetworkRequest makeRequest(const QString &path, bool acceptJson) const;
    void attach(QNetworkReply *reply);
    void detach();

    void touch();
    void onMetaData();
    void onReadyRead();
    void onUploadProgress(qint64 sent, qint64 total);
    void onRequestSent();
    void limitReadBuffer();
    void onEncrypted();
    void onSslErrors(const QList<QSslError> &errors);
    void onStall();
    void onReplyFinished();
    void finishSalt();
    void finishMain();
    bool flushSink();
    bool parseAnswer();
    bool checkAnswerHeaders();
    bool acceptFileBytes(const char *data, qint64 size);
    bool checkDiskRoom(qint64 total);
    PbxError sinkWriteError() const;
    PbxError bodyError(QNetworkReply::NetworkError code) const;

    QString peerFingerprintOf(const QList<QSslError> &errors) const;
    void fail(const PbxError &error);
    void complete();

    QPointer<PbxClient> m_client;
    QPointer<QNetworkAccessManager> m_network;
    PbxConnection m_connection;
    const Clock *m_clock;
    Spec m_spec;
    ErrorText m_text;
    QString m_host;
    QString m_pin;
    QString m_saltKey;
    QString m_salt;
    bool m_saltFromCache = false;

    Phase m_phase = Phase::Idle;
    QPointer<QNetworkReply> m_reply;
    QTimer m_stall;
    int m_stallMs = 30000;
    int m_serverWorkMs = 600000;
    qint64 m_maxDownload = PbxClient::kDefaultMaxDownloadSize;
    qint64 m_diskReserve = PbxClient::kDefaultDiskReserve;
    QString m_sinkFolder;       // folder of a file sink, for the free-space check
    qint64 m_diskAllowed = -1;  // size the sink may reach, as of the last free-space check
    qint64 m_nextDiskCheck = 0; // bytes received when free space is checked again
    bool m_leadingSpace = true; // no byte other than white space has reached the sink yet
    bool m_requireCheckableEnd = false;
    bool m_hashDownloads = true;
    bool m_requestSent = false;
    bool m_draining = false; // the reply has finished: read all that is left
    int m_status = 0;
    qint64 m_announced = -1;
    qint64 m_received = 0;
    QByteArray m_chunk;
    QByteArray m_buffer; // small answers and error bodies
    Sha256 m_hash;       // libcrypto-backed: keeps up with a fast download
    QElapsedTimer m_elapsed;
    qint64 m_answerAfterMs = -1; // the status line arrived (for the debug log)
    QElapsedTimer m_sinceBatch;  // since the sink last took bytes
};

} // namespace pbxvault
