#pragma once

#include <QCoreApplication>
#include <QTranslator>

#include <memory>

namespace pbxvault::test {

// The app's Italian catalogue (translations/pbxvault_it.ts compiled for this test), installed
// for as long as the object lives.
class ItalianTranslator
{
public:
    ItalianTranslator() : m_translator(std::make_unique<QTranslator>())
    {
        m_loaded = m_translator->load(QStringLiteral(ITALIAN_QM)) &&
                   QCoreApplication::installTranslator(m_translator.get());
    }
    ~ItalianTranslator() { QCoreApplication::removeTranslator(m_translator.get()); }
    bool loaded() const { return m_loaded; }

private:
    std::unique_ptr<QTranslator> m_translator;
    bool m_loaded = false;
};

} // namespace pbxvault::test
