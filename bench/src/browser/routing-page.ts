import { parseSolomon, parseTsplib } from '@roaauto/shared';
import { generatedDay, runInstance, type RunFigures } from '../routing-data';

/** The optimiser's own code in the bench's page (bundled from the shared sources), run on the main thread. */
const bench = {
  run(kind: 'tsplib' | 'solomon' | 'generated', text: string, seed: number, budgetMs: number): RunFigures {
    const instance = kind === 'tsplib' ? parseTsplib(text) : kind === 'solomon' ? parseSolomon(text) : generatedDay(Number(text));
    return runInstance(instance, seed, budgetMs);
  },
};
Reflect.set(window, 'bench', bench);
