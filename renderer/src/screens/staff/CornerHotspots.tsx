import { STAFF_GESTURE, type Corner } from './use-corner-gesture';

/** Invisible touch areas in the screen corners, for the staff gesture. */
export function CornerHotspots({ onCorner }: { onCorner: (corner: Corner) => void }) {
  return (
    <>
      {STAFF_GESTURE.map((corner) => (
        <div key={corner} className={`hotspot hotspot-${corner}`} data-testid={`corner-${corner}`} aria-hidden="true" onPointerDown={() => onCorner(corner)} />
      ))}
    </>
  );
}
