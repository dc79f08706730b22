// The emulator's public entry point: `startEmulator` and the types of its surface (types.ts).
export { startEmulator } from "./server";
export type { StartedEmulator } from "./server";
export { LOGIN_PREFERENCES_SECRET_PREFIX } from "./defaults";
export * from "./types";
