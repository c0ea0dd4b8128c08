export const DEV_ISSUER_CONFIG = Symbol('DEV_ISSUER_CONFIG');
export const DEV_SIGNING_KEY = Symbol('DEV_SIGNING_KEY');
