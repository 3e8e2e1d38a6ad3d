#pragma once

#include "PbxFormValidator.h"
#include "common/Records.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace pbxvault {

class CertificatePrompt;
class Job;
struct PbxError;
class Operations;
class ScheduleEditor;

// New PBX / Edit PBX: connection details, role, schedule and retention, with field-level
// validation and a connection test that can pin a self-signed certificate.
class PbxDialog : public QDialog
{
    Q_OBJECT
public:
    // existing: edit that PBX; otherwise register a new one.
    PbxDialog(Operations &ops, const std::optional<PbxRecord> &existing, QWidget *parent = nullptr);

    // The buttons' actions (also for tests).
    bool validateForm(); // shows every field's message; true when all are fine
    void testConnection();
    void save();

    // While a test runs the test button cancels it.
    void cancelTest();
    bool isTesting() const { return !m_testJob.isNull(); }

    ScheduleEditor *scheduleEditor() const { return m_schedule; }
    QString connectionResult() const;
    QString retentionSummary() const;
    QString trustedFingerprint() const { return m_fingerprint; }
    QString saveError() const;

Q_SIGNALS:
    void saved(qint64 pbxId);

public Q_SLOTS:
    void reject() override;

private:
    enum class TestState
    {
        NotTested,
        Passed,
        Failed
    };

    PbxForm form() const;
    // What a connection test depends on; a test result holds only while this is unchanged.
    QString connectionKey() const;
    bool connectionChanged() const;
    TestState testState() const;
    void store();
    void askToSaveAnyway(const QString &problem);
    void showTestResult(const QString &text, const char *color);
    void updateRetentionSummary();
    void followRoleWithSchedule();
    void growToFit();
    PbxRecord record() const;
    void showErrors(const PbxFormErrors &errors);
    void onTestFinished(Job *job, const QString &testedKey);
    void askToTrust(const PbxError &error);
    void setBusy(bool busy);
    QLabel *errorLabel(const char *objectName);

    Operations &m_ops;
    std::optional<PbxRecord> m_existing;
    QString m_fingerprint; // pinned certificate, kept in the record when saved
    bool m_validatedOnce = false;
    bool m_saveAfterTest = false;
    bool m_scheduleTouched = false;
    bool m_settingSchedule = false;
    TestState m_testState = TestState::NotTested;
    QString m_testedKey;
    QString m_testProblem;
    QPointer<Job> m_testJob;
    QPointer<Job> m_saveJob;

    QLineEdit *m_name;
    QLineEdit *m_url;
    QLineEdit *m_tenant;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QComboBox *m_role;
    ScheduleEditor *m_schedule;
    QSpinBox *m_keepLast;
    QSpinBox *m_keepDays;
    QCheckBox *m_keepOnlyChanged;
    QLabel *m_nameError;
    QLabel *m_urlError;
    QLabel *m_tenantError;
    QLabel *m_usernameError;
    QLabel *m_passwordError;
    QLabel *m_roleError;
    QLabel *m_retentionSummary;
    QPushButton *m_test;
    QLabel *m_testResult;
    QLabel *m_saveError;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace pbxvault
