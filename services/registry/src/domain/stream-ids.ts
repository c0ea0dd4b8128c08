import { idOfRegistryStream, registryStreamOf } from '@custos/contracts';

/** The registry's stream ids (`organisation:<id>`, `officer:<id>`, `image-system:<id>`), shared with their readers. */
export const streamOf = registryStreamOf;

/** The public id of a stream (`organisation:org-1` → `org-1`). */
export const idOfStream = idOfRegistryStream;
