/** True for 127.0.0.0/8, ::1 (any spelling), ::ffff:127.x.y.z and `localhost`. */
export function isAllowedHost(host: string): boolean;
