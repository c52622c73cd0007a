// The brokers themselves: the embedded broker's device keys, ACL and restart; an external MQTT 5 broker's shared
// subscription. The embedded aedes broker by default, Mosquitto when MQTT_URL is set, as `.ci/run` does.
import { jest } from '@jest/globals'
import mqtt from 'mqtt'

import { ingestPassword, INGEST_USERNAME } from '../../plugins/mqtt-ingest/credentials'
import { Ingester } from '../../plugins/mqtt-ingest/ingester'
import { unique } from '../support/fixtures'
import { rest } from '../support/payload'
import {
  brokerUrl,
  card,
  clients,
  connect,
  embedded,
  eventually,
  extraIngesters,
  ingester,
  ingestOptions,
  payload,
  publish,
  pump,
  restartEmbeddedBroker,
  useIngestion,
} from './ingest-suite'

useIngestion()

const describeEmbedded = embedded ? describe : describe.skip
const describeExternal = embedded ? describe.skip : describe

describeEmbedded('the embedded broker: device keys and ACL', () => {
  it('refuses a wrong device key and an unknown serial', async () => {
    const modem = await pump()
    await expect(connect({ ...modem, key: 'wrong-key' })).rejects.toThrow(/Bad username or password|Not authorized/i)
    await expect(connect({ serial: 'NO-SUCH-PUMP', key: 'x', id: 0 })).rejects.toThrow(
      /Bad username or password|Not authorized/i,
    )
  })

  it('a modem cannot publish for another serial, nor outside its topics', async () => {
    const mine = await pump()
    const theirs = await pump()
    // The broker drops a modem that publishes where it may not: each attempt on a connection of its own.
    for (const topic of [`hp/${theirs.serial}/status`, `hp/${mine.serial}/firmware`]) {
      const attacker = await connect(mine)
      await publish(attacker, topic, { online: true }, { qos: 0 })
    }
    const client = await connect(mine)
    await publish(client, `hp/${mine.serial}/status`, { online: true })
    await eventually(async () => expect((await card(mine.id)).online).toBe(true))
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect((await card(theirs.id)).online).toBe(false)
    expect(ingester.counts.rejected.bad_topic).toBe(0)
  })

  it('the HTTP auth and ACL endpoints external brokers call give the same answers', async () => {
    const modem = await pump()
    const auth = (body: Record<string, unknown>) => rest('POST', '/mqtt/auth', { body })
    expect((await auth({ username: modem.serial, password: modem.key })).body).toMatchObject({
      result: 'allow',
      ok: true,
    })
    expect((await auth({ username: modem.serial, password: 'nope' })).body).toMatchObject({ result: 'deny', ok: false })
    expect((await auth({ username: INGEST_USERNAME, password: ingestPassword(payload.secret) })).body.result).toBe(
      'allow',
    )
    const acl = (body: Record<string, unknown>) => rest('POST', '/mqtt/acl', { body })
    expect(
      (await acl({ username: modem.serial, topic: `hp/${modem.serial}/data`, action: 'publish' })).body.result,
    ).toBe('allow')
    expect((await acl({ username: modem.serial, topic: 'hp/OTHER-1/data', action: 'publish' })).body.result).toBe(
      'deny',
    )
    expect((await acl({ username: modem.serial, topic: 'hp/OTHER-1/data', acc: 2 })).body.ok).toBe(false)
    expect((await acl({ username: modem.serial, topic: 'hp/+/status', action: 'subscribe' })).body.result).toBe('deny')
    expect((await acl({ username: INGEST_USERNAME, topic: '$share/g/hp/#', action: 'subscribe' })).body.result).toBe(
      'allow',
    )
  })

  it('after a broker restart the ingestion reconnects, resubscribes and goes on', async () => {
    await restartEmbeddedBroker()
    await eventually(async () => expect(ingester.connected).toBe(true), 15_000)
    await ingester.ready()
    const modem = await pump()
    const client = await connect(modem)
    await publish(client, `hp/${modem.serial}/status`, { online: true })
    await eventually(async () => expect((await card(modem.id)).online).toBe(true))
  })
})

describeExternal('an external MQTT 5 broker (Mosquitto in CI)', () => {
  it('messages for unknown serials and topics outside the contract are counted, not written', async () => {
    const client = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0 })
    clients.push(client)
    // The broker is shared with other test files, whose pumps are unknown here too: count only these messages.
    const rejected = jest.spyOn(ingester as unknown as { reject: (reason: string, what: string) => void }, 'reject')
    const before = { ...ingester.counts.rejected }
    const ghost = unique('GHOST').toUpperCase()
    const other = unique('SOME').toUpperCase()
    await publish(client, `hp/${ghost}/status`, { online: true })
    await publish(client, `hp/${other}/firmware`, { v: 1 })
    await publish(client, `hp/${other}/status/extra`, { online: true })
    const mine = (reason: string, serial: string) =>
      rejected.mock.calls.filter(([why, what]) => why === reason && what.includes(serial)).length
    await eventually(async () => {
      expect(mine('unknown_serial', ghost)).toBe(1)
      expect(mine('bad_topic', other)).toBe(2)
      expect(ingester.counts.rejected.unknown_serial - before.unknown_serial).toBeGreaterThanOrEqual(1)
      expect(ingester.counts.rejected.bad_topic - before.bad_topic).toBeGreaterThanOrEqual(2)
    })
    rejected.mockRestore()
  })

  it('two instances on one shared subscription each take part of the stream; the result is the same', async () => {
    const second = new Ingester(payload, ingestOptions())
    extraIngesters.push(second)
    await second.start()
    await second.ready()
    const modems = await Promise.all(Array.from({ length: 40 }, () => pump()))
    const publisher = await mqtt.connectAsync(brokerUrl, { reconnectPeriod: 0 })
    clients.push(publisher)
    const acceptedBefore = ingester.counts.accepted + second.counts.accepted
    for (const [index, modem] of modems.entries()) {
      await publish(publisher, `hp/${modem.serial}/status`, { online: true, fw: `2.0.${index}` })
      await publish(publisher, `hp/${modem.serial}/alarms`, { active: index % 2 ? [{ code: 'E1', text: 'x' }] : [] })
    }
    await eventually(async () => {
      for (const [index, modem] of modems.entries()) {
        expect(await card(modem.id)).toMatchObject({
          online: true,
          firmwareVersion: `2.0.${index}`,
          activeAlarms: index % 2 ? [{ code: 'E1', text: 'x', since: null }] : [],
        })
      }
    })
    expect(ingester.counts.accepted + second.counts.accepted - acceptedBefore).toBe(80)
    expect(second.counts.accepted).toBeGreaterThan(0)
    expect(ingester.counts.accepted).toBeGreaterThan(0)
  })
})
