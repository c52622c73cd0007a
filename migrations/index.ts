import * as migration_20261128_035850_initial from './20261128_035850_initial';

export const migrations = [
  {
    up: migration_20261128_035850_initial.up,
    down: migration_20261128_035850_initial.down,
    name: '20261128_035850_initial'
  },
];
