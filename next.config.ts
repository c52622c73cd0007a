import { withPayload } from '@payloadcms/next/withPayload'
import type { NextConfig } from 'next'
import path from 'path'
import { fileURLToPath } from 'url'

import { settings } from './src/settings'

const dirname = path.dirname(fileURLToPath(import.meta.url))

const nextConfig: NextConfig = {
  webpack: (webpackConfig) => {
    webpackConfig.resolve.extensionAlias = {
      '.cjs': ['.cts', '.cjs'],
      '.js': ['.ts', '.tsx', '.js', '.jsx'],
      '.mjs': ['.mts', '.mjs'],
    }
    return webpackConfig
  },
  turbopack: { root: path.resolve(dirname) },
  // The express host (src/server.ts) serves /healthz itself; Next never sees it.
  poweredByHeader: false,
  // The factory's label PDF reads its fonts from its package directory; the spreadsheet reader is large and Node-only.
  serverExternalPackages: ['pdfkit', 'exceljs'],
}

const withPayloadConfig = withPayload(nextConfig, { devBundleServerPackages: false })
// Payload turns off Turbopack's server fast refresh for development's HMR; elsewhere the setting only prints Next's
// "Experiments (use with caution)" banner on every build.
if (!settings.schemaPush && withPayloadConfig.experimental)
  delete withPayloadConfig.experimental.turbopackServerFastRefresh

export default withPayloadConfig
