// Readings through a real broker into the real database: history rows, the card's latest values, a repeated
// message kept once, out-of-order messages, unknown keys, bad readings refused whole, and two batches at once.
import { sql } from '@payloadcms/db-postgres'

import { execute } from './modems'
import { card, connect, eventually, ingester, payload, publish, pump, useIngestion } from './ingest-suite'

useIngestion()

const T0 = Date.UTC(2026, 11, 5, 10, 0, 0)

async function stored(pumpId: number) {
  const { rows } = await execute(
    payload,
    sql`select r.ts, k.keys, r.vals from telemetry_readings r join telemetry_keysets k on k.id = r.keyset
        where r.pump_id = ${pumpId} order by r.ts`,
  )
  return rows.map((row) => ({
    ts: new Date(row.ts as string).toISOString(),
    values: Object.fromEntries((row.keys as string[]).map((key, i) => [key, (row.vals as number[])[i]])),
  }))
}

describe('telemetry history', () => {
  it('stores each data message at its time, and the card shows the newest value of each key', async () => {
    const modem = await pump()
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/data`, { ts: T0, t_out: -7.5, t_flow: 41.2, power_w: 1830 }, { qos: 1 })
    await publish(client, `hp/${modem.serial}/data`, { ts: T0 + 60_000, t_out: -7, defrost: true }, { qos: 1 })
    await eventually(async () => expect(await stored(modem.id)).toHaveLength(2))
    expect(await stored(modem.id)).toEqual([
      { ts: new Date(T0).toISOString(), values: { t_out: -7.5, t_flow: expect.closeTo(41.2, 4), power_w: 1830 } },
      { ts: new Date(T0 + 60_000).toISOString(), values: { t_out: -7, defrost: 1 } },
    ])
    const latest = (await card(modem.id)).telemetryLatest as Record<string, { v: number; at: string }>
    expect(latest).toEqual({
      t_out: { v: -7, at: new Date(T0 + 60_000).toISOString() },
      defrost: { v: 1, at: new Date(T0 + 60_000).toISOString() },
      t_flow: { v: 41.2, at: new Date(T0).toISOString() },
      power_w: { v: 1830, at: new Date(T0).toISOString() },
    })
    const { rows } = await execute(
      payload,
      sql`select count(*)::int as n from telemetry_dirty where pump_id = ${modem.id}`,
    )
    expect(rows[0].n).toBe(1)
  })

  it('a repeated message is stored once; an older one arriving late is stored but does not replace the latest', async () => {
    const modem = await pump()
    const client = await connect(modem)
    const message = { ts: T0 + 120_000, t_out: 3.5 }
    await publish(client, `hp/${modem.serial}/data`, message, { qos: 1 })
    await eventually(async () => expect(await stored(modem.id)).toHaveLength(1))
    const before = ingester.counts.readingsStored
    await publish(client, `hp/${modem.serial}/data`, { ...message, t_out: 99 }, { qos: 1 })
    await publish(client, `hp/${modem.serial}/data`, { ts: T0, t_out: 1.5, t_unknown_key: 7 }, { qos: 1 })
    await eventually(async () => expect(await stored(modem.id)).toHaveLength(2))
    await ingester.drained()
    expect(ingester.counts.readingsStored - before).toBe(1)
    expect(await stored(modem.id)).toEqual([
      { ts: new Date(T0).toISOString(), values: { t_out: 1.5, t_unknown_key: 7 } },
      { ts: new Date(T0 + 120_000).toISOString(), values: { t_out: 3.5 } },
    ])
    const latest = (await card(modem.id)).telemetryLatest as Record<string, { v: number; at: string }>
    expect(latest.t_out).toEqual({ v: 3.5, at: new Date(T0 + 120_000).toISOString() })
    expect(latest.t_unknown_key).toEqual({ v: 7, at: new Date(T0).toISOString() })
  })

  it('NaN, strings, huge numbers and 10,000 keys are refused, counted, and nothing of them is written', async () => {
    const modem = await pump()
    const client = await connect(modem)
    const rejected = { ...ingester.counts.rejected }
    const topic = `hp/${modem.serial}/data`
    await publish(client, topic, '{"ts": 1796470000000, "t_out": NaN}', { qos: 1 })
    await publish(client, topic, { ts: T0, t_out: '-7.5', t_flow: 40 }, { qos: 1 })
    await publish(client, topic, { ts: T0, t_out: 1e300 }, { qos: 1 })
    const fewKeys = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]))
    await publish(client, topic, { ts: T0, ...fewKeys }, { qos: 1 })
    // 10,000 keys do not fit the embedded broker's 64 KiB packet cap: it closes that connection (MQTT_URL's
    // broker passes it on, and the ingestion refuses it as oversized).
    const other = await connect(modem, { clientId: `many-keys-${modem.serial}` })
    const manyKeys = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))
    await publish(other, topic, { ts: T0, ...manyKeys }, { qos: 0 }).catch(() => {})
    await eventually(async () => {
      const counts = ingester.counts.rejected
      expect(counts.malformed_json - rejected.malformed_json).toBe(1)
      expect(counts.invalid_reading - rejected.invalid_reading).toBe(3)
    })
    await ingester.drained()
    expect(await stored(modem.id)).toEqual([])
    const after = await card(modem.id)
    expect(after.lastDataAt ?? null).toBeNull()
    expect(after.telemetryLatest ?? null).toBeNull()
  })

  it('a card whose latest values are not an object (JSON null) takes new ones instead of refusing the batch', async () => {
    const modem = await pump()
    await execute(payload, sql`update pumps set telemetry_latest = 'null'::jsonb where id = ${modem.id}`)
    const client = await connect(modem)
    const dropped = ingester.counts.dropped
    await publish(client, `hp/${modem.serial}/data`, { ts: T0, t_out: 2.5 }, { qos: 1 })
    await eventually(async () =>
      expect((await card(modem.id)).telemetryLatest).toEqual({ t_out: { v: 2.5, at: new Date(T0).toISOString() } }),
    )
    expect(ingester.counts.dropped).toBe(dropped)
    expect(await stored(modem.id)).toHaveLength(1)
  })

  it('writes the next batch while one is in flight; a pump in the first waits for it, so its reports stay in order', async () => {
    const [a, b, c] = [await pump(), await pump(), await pump()]
    await ingester.drained()
    const data = (serial: string, ts: number, tOut: number) =>
      [`hp/${serial}/data`, Buffer.from(JSON.stringify({ ts, t_out: tOut }))] as const
    ingester.receive(...data(a.serial, T0 + 600_000, 1))
    ingester.receive(...data(b.serial, T0 + 600_000, 2))
    const first = ingester.flush()
    ingester.receive(...data(a.serial, T0 + 660_000, 3))
    ingester.receive(...data(c.serial, T0 + 600_000, 4))
    const second = ingester.flush()
    // Both batches are being written at once (a and b, then c); a's newer report waits for the first.
    expect(ingester.health()).toMatchObject({ writing: 3, pending: 1 })
    await Promise.all([first, second])
    await ingester.drained()
    expect(await stored(a.id)).toEqual([
      { ts: new Date(T0 + 600_000).toISOString(), values: { t_out: 1 } },
      { ts: new Date(T0 + 660_000).toISOString(), values: { t_out: 3 } },
    ])
    expect(await stored(b.id)).toEqual([{ ts: new Date(T0 + 600_000).toISOString(), values: { t_out: 2 } }])
    expect(await stored(c.id)).toEqual([{ ts: new Date(T0 + 600_000).toISOString(), values: { t_out: 4 } }])
    const latest = (await card(a.id)).telemetryLatest as Record<string, { v: number; at: string }>
    expect(latest.t_out).toEqual({ v: 3, at: new Date(T0 + 660_000).toISOString() })
  })
})
