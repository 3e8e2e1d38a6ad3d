#pragma once

#include "common/Records.h"

#include <QDialog>

class QCheckBox;
class QComboBox;

namespace pbxvault {

// Asks which registered PBX an imported backup file belongs to.
class PbxChoiceDialog : public QDialog
{
    Q_OBJECT
public:
    PbxChoiceDialog(const QString &filePath, const QVector<PbxRecord> &pbxs,
                    QWidget *parent = nullptr);
    qint64 pbxId() const;
    QString filePath() const { return m_filePath; }
    // The operator accepts a file PBX Vault cannot read, checked by its checksum only.
    bool acceptChecksumOnly() const;

private:
    QString m_filePath;
    QComboBox *m_pbx;
    QCheckBox *m_checksumOnly;
};

} // namespace pbxvault
