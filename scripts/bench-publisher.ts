// The benchmark's simulated modems, in a process of their own: a bounded run that publishes at a target rate for
// random pumps BENCH-000001…, then prints what it sent as one JSON line and exits.
//   tsx scripts/bench-publisher.ts <brokerUrl> <messagesPerSecond> <seconds> <pumps> [connections] [readings]
// (readings: how many readings each data message carries, 3 by default)
import mqtt from 'mqtt'

const [url, rateText, secondsText, pumpsText, connectionsText, readingsText] = process.argv.slice(2)
const rate = Number(rateText)
const seconds = Number(secondsText)
const pumps = Number(pumpsText)
const connections = Number(connectionsText || 4)
const readings = Number(readingsText || 3)
/** Readings beyond the usual three, for the telemetry benchmark: t_return, comp_hz, cop, t_dhw… */
const EXTRA = ['t_return', 'comp_hz', 'cop', 't_dhw', 'heat_w', 'mode', 'p_high'].slice(0, Math.max(0, readings - 3))
const extra = () => EXTRA.map((key) => `,"${key}":${(Math.random() * 50).toFixed(1)}`).join('')

const serial = (n: number) => `BENCH-${String(n).padStart(6, '0')}`

async function main(): Promise<void> {
  const clients = await Promise.all(
    Array.from({ length: connections }, (_, i) =>
      mqtt.connectAsync(url, { clientId: `bench-pub-${process.pid}-${i}`, reconnectPeriod: 0 }),
    ),
  )
  const tickMs = 10
  const perTick = rate / connections / (1000 / tickMs)
  let sent = 0
  let carry = 0
  const started = Date.now()
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = Date.now() - started
      if (elapsed >= seconds * 1000) {
        clearInterval(timer)
        resolve()
        return
      }
      // Keep to the rate by wall clock: a late tick sends what it owes.
      const due = Math.floor((elapsed / 1000) * rate) - sent
      carry = Math.max(0, due)
      for (const client of clients) {
        const count = Math.ceil(Math.min(carry, perTick * 4) / clients.length)
        for (let i = 0; i < count; i++) {
          const n = 1 + Math.floor(Math.random() * pumps)
          const roll = Math.random()
          const now = Date.now()
          if (roll < 0.9) {
            client.publish(
              `hp/${serial(n)}/data`,
              `{"ts":${now},"t_out":${(-7.5 + Math.random()).toFixed(1)},"t_flow":41.2,"power_w":1830${extra()}}`,
              { qos: 0 },
            )
          } else if (roll < 0.97) {
            client.publish(
              `hp/${serial(n)}/status`,
              `{"online":${roll < 0.96},"conn":"gsm","fw":"1.4.2","ts":${now}}`,
              { qos: 0 },
            )
          } else {
            const active = roll < 0.985 ? '[{"code":"E12","text":"Low flow"}]' : '[]'
            client.publish(`hp/${serial(n)}/alarms`, `{"active":${active},"ts":${now}}`, { qos: 0 })
          }
          sent++
        }
      }
    }, tickMs)
  })
  await Promise.all(clients.map((client) => client.endAsync()))
  console.log(JSON.stringify({ sent, seconds: (Date.now() - started) / 1000 }))
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
