// The fleet `npm run bench:fleet` measures, generated set-based (generate_series, one statement per table): pumps
// spread over statuses, partners, regions, connectivity and alarms; status history and modem events per pump.
type Execute = (query: unknown) => Promise<{ rows: Record<string, unknown>[] }>
type Sql = ((strings: TemplateStringsArray, ...values: unknown[]) => unknown) & { raw: (text: string) => unknown }

export type FleetSize = { pumps: number; partners: number; statusEvents: number; modemEvents: number }

/** Status by the pump's number: 5 % created, 5 % produced, 5 % released, 7 % shipped, 68 % in operation, 5 % in
 * service, 5 % decommissioned. */
const STATUS_OF = `case
  when i % 100 < 5 then 'created' when i % 100 < 10 then 'produced' when i % 100 < 15 then 'released'
  when i % 100 < 22 then 'shipped' when i % 100 < 90 then 'in_operation' when i % 100 < 95 then 'in_service'
  else 'decommissioned' end`

async function timed(label: string, work: () => Promise<unknown>): Promise<void> {
  const started = Date.now()
  await work()
  console.log(`[bench] ${label} in ${((Date.now() - started) / 1000).toFixed(1)} s`)
}

export async function generateFleet(execute: Execute, sql: Sql, size: FleetSize): Promise<void> {
  const { pumps, partners } = size
  const perPumpStatus = Math.max(1, Math.round(size.statusEvents / pumps))
  const perPumpModem = Math.max(1, Math.round(size.modemEvents / pumps))
  await timed(`${partners} partners, 5 models`, async () => {
    await execute(sql`insert into partners (partner_id, name, title, certified)
      select 'P-' || lpad(i::text, 5, '0'), 'Bench partner ' || i, 'P-' || lpad(i::text, 5, '0') || ' · Bench partner ' || i, true
      from generate_series(1, ${partners}::int) i`)
    await execute(
      sql`insert into models (name, code) select 'Bench model ' || i, 'BENCH-M' || i from generate_series(1, 5) i`,
    )
  })
  await timed(`${pumps.toLocaleString('en')} pumps`, () =>
    execute(sql`
      with a as (
        select (select array_agg(id order by id) from partners) as partners,
          (select array_agg(id order by id) from regions) as regions,
          (select array_agg(country_id order by id) from regions) as countries,
          (select min(id) from models) as model)
      insert into pumps (serial, model_id, status, responsible_partner_id, sim_number, country_id, region_id, online,
        last_data_at, last_connected_at, active_alarms, release_date, shipment_date, created_at, updated_at)
      select 'BENCH-' || lpad(i::text, 7, '0'), a.model + i % 5, s.status::enum_pumps_status,
        a.partners[1 + i % cardinality(a.partners)], '8970199' || lpad(i::text, 12, '0'),
        a.countries[1 + i % cardinality(a.regions)], a.regions[1 + i % cardinality(a.regions)],
        s.status = 'in_operation' and i % 5 <> 0,
        case when s.status in ('in_operation', 'in_service') and i % 50 <> 0 then now() - (i % 2880) * interval '1 minute' end,
        case when s.status in ('in_operation', 'in_service') then now() - (i % 30) * interval '1 day' end,
        case when s.status = 'in_operation' and i % 50 = 1 then '[{"code":"E07","text":"High pressure","since":null}]'::jsonb else '[]'::jsonb end,
        case when s.status in ('released', 'shipped') then now() - (i % 90) * interval '1 day' end,
        case when s.status = 'shipped' then now() - (i % 60) * interval '1 day' end,
        now() - (i % 1000) * interval '1 day', now()
      from a, generate_series(1, ${pumps}::int) i, lateral (select (${sql.raw(STATUS_OF)}) as status) s`),
  )
  await timed(`${(pumps * perPumpStatus).toLocaleString('en')} status events`, () =>
    execute(sql`
      insert into pump_events (pump_id, at, kind, "from", "to", actor, source, pump_partner_id, created_at, updated_at)
      select p.id, p.created_at + k * interval '1 day', 'status', 'created', p.status::text::enum_pump_events_to, 'system', 'import',
        p.responsible_partner_id, now(), now()
      from pumps p, generate_series(1, ${perPumpStatus}::int) k`),
  )
  await timed(`${(pumps * perPumpModem).toLocaleString('en')} modem events`, () =>
    execute(sql`
      insert into modem_events (pump_id, at, kind, created_at, updated_at)
      select p.id, now() - k * interval '3 hours',
        (case when k % 2 = 0 then 'connected' else 'disconnected' end)::enum_modem_events_kind, now(), now()
      from pumps p, generate_series(1, ${perPumpModem}::int) k`),
  )
  // As autovacuum leaves a table in use: statistics and the visibility map (index-only counts).
  await timed('vacuum analyze', () => execute(sql`vacuum analyze`))
}
