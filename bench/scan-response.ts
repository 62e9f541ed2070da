/**
 * A DynamoDB Scan response of the week4-thu Movies table, as the service returns it:
 * typed attribute values, every number a string. Deterministic, so figures from different
 * runs and machines describe the same bytes.
 */

import { seededRandom } from '../src/bench/seeded-random.js';

const WORDS = ['storm', 'river', 'night', 'harbor', 'Sài Gòn', 'Hà Nội', 'mountain', 'letter', 'summer', 'engine', 'garden', 'promise', 'Đà Lạt', 'train'];
const GENRES = ['Drama', 'Action', 'Comedy', 'Romance', 'Thriller', 'Sci-Fi', 'Documentary', 'Animation'];
const NAMES = ['An', 'Bình', 'Chi', 'Dũng', 'Emma', 'Farid', 'Giang', 'Hiro', 'Isabel', 'Jonas', 'Khánh', 'Lena'];
const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Smith', 'García', 'Tanaka', 'Müller', 'Phạm', 'Okafor', 'Rossi'];

export function movieScanResponse(count: number, seed = 2024): string {
  const random = seededRandom(seed);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
  const some = <T>(list: T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(list)))];
  const items = Array.from({ length: count }, (_, index) => {
    const title = `The ${pick(WORDS)} of ${pick(WORDS)} ${index}`;
    const genres = some(GENRES, 3);
    return {
      year: { N: String(1950 + Math.floor(random() * 75)) },
      title: { S: title },
      info: {
        M: {
          rating: { N: (1 + random() * 9).toFixed(1) },
          rank: { N: String(index + 1) },
          // Half the table stores genres as a list, half as a string set: both occur in real data.
          genres: index % 2 === 0 ? { L: genres.map((genre) => ({ S: genre })) } : { SS: genres },
          plot: { S: `A ${pick(WORDS)} and a ${pick(WORDS)} meet in ${pick(WORDS)}; nothing is the same after the ${pick(WORDS)}.` },
          actors: { L: some(NAMES, 4).map((name) => ({ S: `${name} ${pick(SURNAMES)}` })) },
          running_time_secs: { N: String(4800 + Math.floor(random() * 4800)) },
        },
      },
    };
  });
  return JSON.stringify({
    Items: items,
    Count: count,
    ScannedCount: count,
    ConsumedCapacity: { TableName: 'Movies', CapacityUnits: Math.ceil(count / 8) / 2 },
  });
}
