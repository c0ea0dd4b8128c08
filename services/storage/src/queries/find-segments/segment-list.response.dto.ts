import { PageDtoOf } from '@custos/platform';
import { SegmentDto, ServiceSegmentDto } from '../shared/storage.response.dto';

export class SegmentPageDto extends PageDtoOf(SegmentDto) {}

export class ServiceSegmentPageDto extends PageDtoOf(ServiceSegmentDto) {}

/** Segments in the repositories' order (start, camera, id): the cursor is that key. */
export const SEGMENT_KEY = (s: SegmentDto) => [s.from, s.cameraId, s.segmentId];
