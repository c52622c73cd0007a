// The embedded broker (aedes, MQTT 3.1.1) for a start with nothing installed: loopback only, modems log in with
// their device keys and publish only under their own topics.
import net from 'node:net'

import { Aedes } from 'aedes'
import type { Payload } from 'payload'

import type { BrokerHost } from './host'
import { brokerLogin, mayPublishAs, maySubscribeAs, type BrokerAccount } from './credentials'

export type EmbeddedBroker = { port: number; close: () => Promise<void> }

/**
 * Largest MQTT packet the embedded broker accepts (remaining length): well above the 16 KiB payload limit plus
 * topic and headers. aedes (its mqtt-packet parser) would otherwise buffer a packet of any declared size, up to
 * 256 MB, from a client that has not even authenticated.
 */
export const MAX_PACKET_BYTES = 64 * 1024

type PacketParser = { packet: { length: number }; _parseLength: () => boolean; _emitError: (error: Error) => void }

/** Refuses, as soon as its length is read, a packet declared bigger than the cap: aedes then closes the socket. */
function capPacketSize(parser: PacketParser, max: number): void {
  const parseLength = parser._parseLength
  parser._parseLength = function (this: PacketParser) {
    const done = parseLength.call(this)
    if (done && this.packet.length > max) {
      this._emitError(new Error(`packet of ${this.packet.length} bytes refused (at most ${max})`))
      return false
    }
    return done
  }
}

const accounts = new WeakMap<object, BrokerAccount>()

export async function startEmbeddedBroker(payload: Payload, port: number, host: BrokerHost): Promise<EmbeddedBroker> {
  const broker = await Aedes.createBroker({
    authenticate: (client, username, password, done) => {
      brokerLogin(payload, host, username ?? '', password?.toString('utf8') ?? '')
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
      callback(
        account && mayPublishAs(account, packet.topic) ? null : new Error(`not allowed to publish on ${packet.topic}`),
      )
    },
    authorizeSubscribe: (client, subscription, callback) => {
      const account = accounts.get(client)
      callback(null, account && maySubscribeAs(account, subscription.topic) ? subscription : null)
    },
  })
  const server = net.createServer((socket) => {
    const client = broker.handle(socket as never) as unknown as { _parser?: PacketParser }
    // aedes 1.2 keeps its parser here; should a later version not, refuse connections rather than run uncapped.
    if (!client._parser || typeof client._parser._parseLength !== 'function') {
      payload.logger.error('[mqtt] aedes has no packet parser where expected: the packet size cap cannot be set')
      socket.destroy()
      return
    }
    capPacketSize(client._parser, MAX_PACKET_BYTES)
  })
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
