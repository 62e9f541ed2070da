/**
 * The sample data the labs load, read from the package's fixtures/ folder. Labs run
 * compiled from dist/labs/, three levels below the package root.
 */
import { readFile } from 'node:fs/promises';

export const FIXTURES = new URL('../../../fixtures/', import.meta.url);

export async function readFixture<T>(name: string): Promise<T> {
  return JSON.parse(await readFile(new URL(name, FIXTURES), 'utf8')) as T;
}

/** One movie of fixtures/movies.json, in the shape of AWS's Movies sample. */
export interface Movie {
  year: number;
  title: string;
  info: {
    directors?: string[];
    release_date?: string;
    rating?: number;
    genres?: string[];
    image_url?: string;
    plot?: string;
    rank?: number;
    running_time_secs?: number;
    actors?: string[];
  };
}

export function readMovies(): Promise<Movie[]> {
  return readFixture<Movie[]>('movies.json');
}
