/** Brings a region's timed resources (instances, images, snapshots) up to the clock, before anything reads them. */
import type { Clock } from '../../clock.js';
import { settleImages } from './images.js';
import { settleInstances } from './instances.js';
import type { RegionState } from './records.js';

export function settleRegion(region: RegionState, clock: Clock): void {
  settleInstances(region, clock);
  settleImages(region, clock);
}
