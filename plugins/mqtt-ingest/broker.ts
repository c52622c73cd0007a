// The embedded broker (aedes, MQTT 3.1.1) for a start with nothing installed: loopback only, modems log in with
// their device keys and publish only under their own topics.
import net from 'node:net'

import { Aedes } from 'aedes'
import type { Payload } from 'payload'

import { brokerLogin, mayPublishAs, maySubscribeAs, type BrokerAccount } from './credentials'

export type EmbeddedBroker = { port: number; close: () => Promise<void> }

const accounts = new WeakMap<object, BrokerAccount>()

export async function startEmbeddedBroker(payload: Payload, port: number): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      brokerLogin(payload, username ?? '', password?.toString('utf8') ?? '')
        .then((account) => {
          if (!account) {
            const error = Object.assign(new Error('Bad username or password'), { returnCode: 4 as const })
            return done(error as never, false)
          }
          accounts.set(client, account)
          done(null, true)
        })
        .catch((error: Error) => done(Object.assign(error, { returnCode: 3 as const }) as never, false))
    },
    authorizePublish: (client, packet, callback) => {
      // The broker's own messages ($SYS) come without a client.
      if (!client) return callback(null)
      const account = accounts.get(client)
      callback(account && mayPublishAs(account, packet.topic) ? null : new Error(`not allowed to publish on ${packet.topic}`))
    },
    authorizeSubscribe: (client, subscription, callback) => {
      const account = accounts.get(client)
      callback(null, account && maySubscribeAs(account, subscription.topic) ? subscription : null)
    },
  })
  const server = net.createServer(broker.handle as (socket: net.Socket) => void)
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} (embedded MQTT broker) is already taken: free it, set EMBEDDED_MQTT_PORT=<port>, or use an external broker with MQTT_URL.`,
            )
          : error,
      ),
    )
    server.listen(port, '127.0.0.1', () => resolve())
  })
  const address = server.address() as net.AddressInfo
  return {
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()))
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
