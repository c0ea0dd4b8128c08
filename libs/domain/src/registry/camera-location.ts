import { domainErrorOf } from '../errors';
import { err, ok, Result } from '../result';

/**
 * Where a camera points. The first nine are the places of Article 8 where cameras are
 * forbidden (R8.1); the rest are ordinary places of the sites of Article 7.
 */
export const CAMERA_LOCATION_CATEGORIES = [
  'HOTEL_GUEST_ROOM',
  'DORMITORY',
  'PUBLIC_BATH',
  'CHANGING_ROOM',
  'TOILET',
  'NURSING_ROOM',
  'FINANCIAL_CUSTOMER_DATA_AREA',
  'POLLING_POINT',
  'OTHER_PRIVATE_PLACE',
  'ENTRANCE',
  'MAIN_PASSAGE',
  'CORRIDOR',
  'STAIRWAY',
  'LOBBY',
  'PUBLIC_AREA',
  'ROAD',
  'BRIDGE',
  'TUNNEL',
  'CHECKPOINT',
  'PLATFORM',
  'SQUARE',
  'PARKING',
  'PERIMETER',
  'VAULT',
  'CASH_COUNTER_PUBLIC_SIDE',
  'CASH_VAN',
  'DATA_CENTRE',
  'STORAGE_AREA',
  'EQUIPMENT_ROOM',
] as const;
export type CameraLocationCategory = (typeof CAMERA_LOCATION_CATEGORIES)[number];

export interface CameraLocationInfo {
  /** The item of Article 8 that forbids the place, or `null` when cameras are allowed there. */
  readonly forbiddenBy: string | null;
  readonly label: string;
}

export const CAMERA_LOCATION_INFO: { readonly [K in CameraLocationCategory]: CameraLocationInfo } =
  {
    HOTEL_GUEST_ROOM: { forbiddenBy: 'Art. 8(1)', label: 'Hotel guest room' },
    DORMITORY: { forbiddenBy: 'Art. 8(2)', label: 'Collective or personal dormitory' },
    PUBLIC_BATH: { forbiddenBy: 'Art. 8(3)', label: 'Public bath' },
    CHANGING_ROOM: { forbiddenBy: 'Art. 8(3)', label: 'Changing room' },
    TOILET: { forbiddenBy: 'Art. 8(3)', label: 'Toilet' },
    NURSING_ROOM: { forbiddenBy: 'Art. 8(3)', label: 'Nursing room' },
    FINANCIAL_CUSTOMER_DATA_AREA: {
      forbiddenBy: 'Art. 8(4)',
      label:
        'Area of financial, insurance or securities premises where customer personal information could leak',
    },
    POLLING_POINT: {
      forbiddenBy: 'Art. 8(5)',
      label: "Ballot box or polling point where a person's expression of will can be seen",
    },
    OTHER_PRIVATE_PLACE: {
      forbiddenBy: 'Art. 8(6)',
      label: 'Other place or area involving personal privacy',
    },
    ENTRANCE: { forbiddenBy: null, label: 'Entrance or exit' },
    MAIN_PASSAGE: { forbiddenBy: null, label: 'Main passage' },
    CORRIDOR: { forbiddenBy: null, label: 'Corridor' },
    STAIRWAY: { forbiddenBy: null, label: 'Stairway or lift lobby' },
    LOBBY: { forbiddenBy: null, label: 'Lobby or hall' },
    PUBLIC_AREA: { forbiddenBy: null, label: 'Other public area' },
    ROAD: { forbiddenBy: null, label: 'Road section or junction' },
    BRIDGE: { forbiddenBy: null, label: 'Bridge' },
    TUNNEL: { forbiddenBy: null, label: 'Tunnel' },
    CHECKPOINT: { forbiddenBy: null, label: 'Checkpoint' },
    PLATFORM: { forbiddenBy: null, label: 'Station platform' },
    SQUARE: { forbiddenBy: null, label: 'Square or park' },
    PARKING: { forbiddenBy: null, label: 'Parking area' },
    PERIMETER: { forbiddenBy: null, label: 'Perimeter fence or wall' },
    VAULT: { forbiddenBy: null, label: 'Vault' },
    CASH_COUNTER_PUBLIC_SIDE: {
      forbiddenBy: null,
      label: 'Cash counter, public side (customer documents and keypads out of view)',
    },
    CASH_VAN: { forbiddenBy: null, label: 'Cash-in-transit vehicle' },
    DATA_CENTRE: { forbiddenBy: null, label: 'Data centre or server room' },
    STORAGE_AREA: { forbiddenBy: null, label: 'Warehouse or storage area' },
    EQUIPMENT_ROOM: { forbiddenBy: null, label: 'Plant or equipment room' },
  };

export const FORBIDDEN_CAMERA_LOCATIONS: readonly CameraLocationCategory[] =
  CAMERA_LOCATION_CATEGORIES.filter(
    (category) => CAMERA_LOCATION_INFO[category].forbiddenBy !== null,
  );

export function isCameraLocationCategory(value: string): value is CameraLocationCategory {
  return (CAMERA_LOCATION_CATEGORIES as readonly string[]).includes(value);
}

/**
 * Refuses a camera in a place where Article 8 forbids cameras (R8.1). The registry refuses to
 * register it; oversight uses the same answer to flag an existing camera (R22.1).
 */
export function assertCameraLocationAllowed(category: CameraLocationCategory): Result<void> {
  const { forbiddenBy, label } = CAMERA_LOCATION_INFO[category];
  if (forbiddenBy === null) return ok();
  return err(
    domainErrorOf(
      'CUSTOS_R8_1_FORBIDDEN_CAMERA_LOCATION',
      { category, article: forbiddenBy },
      `cameras are forbidden in this place: ${label} (${forbiddenBy})`,
    ),
  );
}
