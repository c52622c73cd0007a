// The fleet at a glance on the admin's home: staff see the whole fleet, a partner its own pumps. Each figure links to
// the pump list filtered to exactly the pumps it counts (src/domain/fleet.ts); the counts are cached for a minute at
// most (src/services/fleet-overview.ts).
import type { Payload, PayloadRequest } from 'payload'

import { filterQuery, type PumpFilter } from '../domain/fleet'
import { STATUS_LABELS, isPumpStatus } from '../domain/lifecycle'
import type { Bilingual } from '../domain/messages'
import { fleetOverview, type FleetFigure } from '../services/fleet-overview'
import { formatDateTime } from './format'

type Props = { payload: Payload; user?: PayloadRequest['user']; i18n?: { language?: string } }

const TITLES = {
  fleet: { en: 'Fleet at a glance', ru: 'Парк насосов' },
  own: { en: 'Your pumps at a glance', ru: 'Ваши насосы' },
  statuses: { en: 'By status', ru: 'По статусам' },
  health: { en: 'Connection and trouble', ru: 'Связь и неполадки' },
  registrations: { en: 'Registrations', ru: 'Регистрации' },
  latest: { en: 'Latest status changes', ru: 'Последние смены статуса' },
  none: { en: 'No status changes yet', ru: 'Смен статуса пока нет' },
  counted: { en: 'Counted at', ru: 'Подсчитано' },
}

function Figure({ label, count, href, ru }: { label: Bilingual; count: number; href: string | null; ru: boolean }) {
  const body = (
    <>
      <span className="fleet-figure__count" style={{ display: 'block', fontSize: '1.8em', fontWeight: 700 }}>
        {count.toLocaleString(ru ? 'ru-RU' : 'en-GB')}
      </span>
      <span className="fleet-figure__label">{ru ? label.ru : label.en}</span>
    </>
  )
  const style = {
    display: 'block',
    padding: 'calc(var(--base) * 0.6)',
    border: '1px solid var(--theme-elevation-150)',
    borderRadius: 6,
    textDecoration: 'none',
    color: 'inherit',
  }
  return href ? (
    <a className="fleet-figure" href={href} style={style}>
      {body}
    </a>
  ) : (
    <div className="fleet-figure" style={style}>
      {body}
    </div>
  )
}

function Section({ title, ru, children }: { title: Bilingual; ru: boolean; children: React.ReactNode }) {
  return (
    <section style={{ marginBottom: 'calc(var(--base) * 1.5)' }}>
      <h3 style={{ marginBottom: 'calc(var(--base) * 0.5)' }}>{ru ? title.ru : title.en}</h3>
      <div style={{ display: 'grid', gap: 12, gridTemplateColumns: 'repeat(auto-fill, minmax(180px, 1fr))' }}>
        {children}
      </div>
    </section>
  )
}

const statusLabel = (status: string | null, ru: boolean) =>
  isPumpStatus(status) ? STATUS_LABELS[status][ru ? 'ru' : 'en'] : '—'

export async function FleetDashboard({ payload, user, i18n }: Props) {
  const overview = await fleetOverview(payload, user ?? null)
  if (!overview) return null
  const ru = i18n?.language === 'ru'
  const admin = payload.config.routes.admin
  const list = (filter: PumpFilter) => `${admin}/collections/pumps?${filterQuery(filter)}`
  const figure = ({ key, label, count, filter }: FleetFigure) => (
    <Figure count={count} href={list(filter)} key={key} label={label} ru={ru} />
  )
  const staff = user?.collection === 'users' && (user as { role?: string }).role !== 'partner'
  return (
    <div className="fleet-dashboard" style={{ marginBottom: 'calc(var(--base) * 2)' }}>
      <h2>{(staff ? TITLES.fleet : TITLES.own)[ru ? 'ru' : 'en']}</h2>
      <Section ru={ru} title={TITLES.health}>
        {overview.health.map(figure)}
      </Section>
      <Section ru={ru} title={TITLES.statuses}>
        {overview.statuses.map(figure)}
      </Section>
      <Section ru={ru} title={TITLES.registrations}>
        {overview.registrations.map(({ key, label, count, pumps }) => (
          <Figure
            count={count}
            href={pumps.length ? list({ or: [{ and: [{ id: { in: pumps.join(',') } }] }] }) : null}
            key={key}
            label={label}
            ru={ru}
          />
        ))}
      </Section>
      <h3>{ru ? TITLES.latest.ru : TITLES.latest.en}</h3>
      {overview.latest.length === 0 ? (
        <p>{ru ? TITLES.none.ru : TITLES.none.en}</p>
      ) : (
        <ul className="fleet-latest">
          {overview.latest.map((change) => (
            <li key={change.id}>
              {formatDateTime(change.at)} · <a href={`${admin}/collections/pumps/${change.pump}`}>{change.serial}</a>:{' '}
              {statusLabel(change.from, ru)} → {statusLabel(change.to, ru)}
            </li>
          ))}
        </ul>
      )}
      <p style={{ opacity: 0.7, fontSize: '0.85em' }}>
        {ru ? TITLES.counted.ru : TITLES.counted.en} {formatDateTime(overview.at)}
      </p>
    </div>
  )
}
