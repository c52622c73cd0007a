import * as migration_20261128_035850_initial from './20261128_035850_initial';
import * as migration_20261128_044510_lifecycle from './20261128_044510_lifecycle';

export const migrations = [
  {
    up: migration_20261128_035850_initial.up,
    down: migration_20261128_035850_initial.down,
    name: '20261128_035850_initial',
  },
  {
    up: migration_20261128_044510_lifecycle.up,
    down: migration_20261128_044510_lifecycle.down,
    name: '20261128_044510_lifecycle'
  },
];
