// The fleet alarm console (/admin/alarm-console): counts of active alarms by severity, filters, and the alarms worst
// and oldest first, to acknowledge many at once. Staff see the fleet, a partner its own pumps (the access rules).
import type { AdminViewServerProps, PayloadRequest } from 'payload'

import { isStaff, staffUser } from '../../access'
import { parseConsoleFilters } from '../domain/alarm-console'
import { SEVERITIES, SEVERITY_COLOURS, SEVERITY_LABELS } from '../domain/alarms'
import { readConsole } from '../services/alarm-console'
import { AdminPage } from './AdminPage'
import { AlarmConsoleFilters, type FilterOptions } from './AlarmConsoleFilters'
import { AlarmConsoleTable } from './AlarmConsoleTable'

async function filterOptions(req: PayloadRequest): Promise<FilterOptions> {
  const list = async (collection: 'models' | 'partners' | 'regions') =>
    (
      await req.payload.find({
        collection,
        sort: 'name',
        limit: 200,
        depth: 0,
        req,
        overrideAccess: false,
        user: req.user,
      })
    ).docs.map((doc) => ({ id: doc.id, name: String((doc as { name?: unknown }).name ?? doc.id) }))
  return {
    models: await list('models'),
    partners: isStaff(req.user) ? await list('partners') : [],
    regions: await list('regions'),
  }
}

export async function AlarmConsoleView(props: AdminViewServerProps) {
  const { req } = props.initPageResult
  const language = req.i18n.language === 'ru' ? 'ru' : 'en'
  const allowed = staffUser(req.user) !== null
  const filters = parseConsoleFilters(props.searchParams as Record<string, unknown>)
  const data = allowed ? await readConsole(req, filters) : null
  return (
    <AdminPage {...props} title={language === 'ru' ? 'Аварии парка' : 'Fleet alarms'}>
      {!data ? (
        <p>{language === 'ru' ? 'Страница для сотрудников и партнёров.' : 'This page is for staff and partners.'}</p>
      ) : (
        <>
          <div className="alarm-counts" style={{ display: 'flex', gap: 'var(--base)', marginBottom: 'var(--base)' }}>
            {SEVERITIES.map((severity) => (
              <div key={severity} className={`alarm-count alarm-count--${severity}`} data-severity={severity}>
                <span style={{ color: SEVERITY_COLOURS[severity], fontWeight: 600 }}>
                  {SEVERITY_LABELS[severity][language]}
                </span>
                : <strong className="alarm-count__value">{data.counts[severity]}</strong>
              </div>
            ))}
          </div>
          <AlarmConsoleFilters filters={filters} options={await filterOptions(req)} language={language} />
          <AlarmConsoleTable rows={data.rows} language={language} total={data.totalDocs} />
        </>
      )}
    </AdminPage>
  )
}
