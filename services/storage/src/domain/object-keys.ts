/** Object keys from ids: each part percent-encoded, so an id can never name another folder. */
const part = (id: string): string =>
  encodeURIComponent(id).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

export const originalKey = (organisationId: string, cameraId: string, segmentId: string): string =>
  `originals/${part(organisationId)}/${part(cameraId)}/${part(segmentId)}`;

export const exportKey = (organisationId: string, exportId: string): string =>
  `exports/${part(organisationId)}/${part(exportId)}.tar`;
