'use client'
// Placeholder replaced below.
export function TelemetryPanel() {
  return null
}
