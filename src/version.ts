/** Replaced at build time by build.mjs from package.json; "dev" when run from source. */
declare const __ECS_CRED_DOCTOR_VERSION__: string | undefined;
export const VERSION: string = typeof __ECS_CRED_DOCTOR_VERSION__ === 'string' ? __ECS_CRED_DOCTOR_VERSION__ : '0.0.0-dev';
