'use client'
// A partner's dashboard starts with what a partner comes for: registering a pump it installed.
import { Button, useAuth, useConfig, useTranslation } from '@payloadcms/ui'

export function PartnerFirstAction() {
  const { user } = useAuth<{ role?: string }>()
  const {
    config: {
      routes: { admin },
    },
  } = useConfig()
  const { i18n } = useTranslation()
  if (user?.role !== 'partner') return null
  const ru = i18n.language === 'ru'
  return (
    <div className="partner-first-action" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <p style={{ marginTop: 0 }}>
        {ru
          ? 'Установили насос? Зарегистрируйте его за вашей компанией: серийный номер и пароль с этикетки.'
          : 'Installed a pump? Register it to your company: the serial number and the password from its label.'}
      </p>
      <Button
        buttonStyle="primary"
        className="partner-first-action__register"
        el="link"
        margin={false}
        size="large"
        to={`${admin}/register-pump`}
      >
        {ru ? 'Зарегистрировать насос' : 'Register heat pump'}
      </Button>
    </div>
  )
}
