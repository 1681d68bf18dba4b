import { type DCGANOptions, dcganDefaults } from './dcgan';
import { GAN } from './gan';

/**
 * LSGAN (Mao et al. 2017): DCGAN's networks trained with least-squares losses (0/1 coding:
 * D pushes real outputs to 1 and fake to 0, G pushes fake outputs to 1).
 */
export class LSGAN extends GAN {
  constructor(options: DCGANOptions = {}) {
    super({ objective: 'leastSquares', ...options }, dcganDefaults(options, 'LSGAN'));
  }
}
