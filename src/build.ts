// `npm run build`: the admin panel's production build (npm start also makes it when missing or stale).
import { buildAdmin } from './runtime/build'
import { rootDirOf } from './services/root'

buildAdmin(rootDirOf()).catch((error: Error) => {
  console.error(error.message)
  process.exit(1)
})
