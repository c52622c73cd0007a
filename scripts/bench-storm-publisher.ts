// The alarm storm's modems, in a process of their own: every tenth (or `every`-th) pump BENCH-… raises code S1 once,
// spread evenly over `seconds`, each message stamped with its publish time; prints what it sent as JSON and exits.
//   tsx scripts/bench-storm-publisher.ts <brokerUrl> <pumps> <every> <seconds>
import mqtt from 'mqtt'

const [url, pumpsText, everyText, secondsText] = process.argv.slice(2)
const pumps = Number(pumpsText)
const every = Number(everyText)
const seconds = Number(secondsText)
const serial = (n: number) => `BENCH-${String(n).padStart(6, '0')}`

async function main(): Promise<void> {
  const client = await mqtt.connectAsync(url, { clientId: `bench-storm-${process.pid}`, reconnectPeriod: 0 })
  const targets = Array.from({ length: Math.floor(pumps / every) }, (_, i) => (i + 1) * every)
  const started = Date.now()
  let sent = 0
  while (sent < targets.length) {
    // Keep to the spread by wall clock: each tick sends what is due by now.
    const due = Math.min(targets.length, Math.ceil(((Date.now() - started) / (seconds * 1000)) * targets.length))
    for (; sent < due; sent++) {
      const payload = `{"ts":${Date.now()},"active":[{"code":"S1","text":"Storm"}]}`
      client.publish(`hp/${serial(targets[sent])}/alarms`, payload, { qos: 1 })
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  await client.endAsync()
  console.log(JSON.stringify({ sent, seconds: (Date.now() - started) / 1000 }))
}

main().catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
