// The front door of @rift/cli. bin/rift.mjs runs ./main.ts; nothing else wires processes together.
// The browser test stack (testing/stack.ts) starts the same alerts worker and serves the
// same dashboard build as `rift start`, so those two are public.
export { startAlerts, type Alerts, type AlertsDeps } from './roles/alerts-role.ts';
export { DASHBOARD_DIR } from './roles/api-role.ts';
