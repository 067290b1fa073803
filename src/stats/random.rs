//! A tiny deterministic pseudo-random generator, SplitMix64, for the bootstrap. Seeded runs give
//! the same numbers on every platform (wasm included), so an exported interval can be reproduced
//! exactly from its seed.
//!
//! SplitMix64 is Steele, Lea & Flood (2014), "Fast splittable pseudorandom number generators",
//! OOPSLA '14, in the form Vigna publishes as the seeder for xoshiro (prng.di.unimi.it). It passes
//! BigCrush and needs eight bytes of state — ample for resampling a few hundred areas, and not
//! meant for cryptography.

/// SplitMix64 generator state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitMix64 {
    state: u64,
}

/// The golden-ratio increment of SplitMix64 (2⁶⁴ / φ, odd).
const GAMMA: u64 = 0x9e37_79b9_7f4a_7c15;

impl SplitMix64 {
    /// A generator started from `seed`; every seed (0 included) is valid.
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64 { state: seed }
    }

    /// The next 64 random bits.
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::random::SplitMix64;
    /// // First output for seed 1234567 in Vigna's reference splitmix64.c.
    /// assert_eq!(SplitMix64::new(1234567).next_u64(), 6457827717110365317);
    /// ```
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GAMMA);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A uniform value in `[0, 1)` with 53 random bits (every value a multiple of 2⁻⁵³).
    pub fn next_f64(&mut self) -> f64 {
        // The top 53 bits fill an f64 mantissa exactly, so the result never rounds up to 1.
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// A uniform index in `0..n`, without modulo bias. Returns 0 when `n` is 0 rather than
    /// panicking (there is no valid index to give).
    ///
    /// # Examples
    /// ```
    /// use work_health_atlas::stats::random::SplitMix64;
    /// let mut rng = SplitMix64::new(7);
    /// assert!((0..100).all(|_| rng.below(3) < 3));
    /// ```
    pub fn below(&mut self, n: usize) -> usize {
        if n <= 1 {
            return 0;
        }
        let n = n as u64;
        // Lemire's multiply-shift with rejection: the high word of x·n is uniform on 0..n once the
        // few low words that would over-represent some results are rejected.
        let threshold = n.wrapping_neg() % n;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            if (product as u64) >= threshold {
                return (product >> 64) as usize;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_the_reference_sequence() {
        // Vigna's splitmix64.c seeded with 1234567 (the sequence quoted in many ports, e.g. the
        // `rand_xoshiro` crate's SplitMix64 test).
        let mut rng = SplitMix64::new(1234567);
        let expected =
            [6457827717110365317, 3203168211198807973, 9817491932198370423, 4593380528125082431, 16408922859458223821];
        for e in expected {
            assert_eq!(rng.next_u64(), e);
        }
    }

    #[test]
    fn same_seed_same_stream() {
        let (mut a, mut b) = (SplitMix64::new(42), SplitMix64::new(42));
        assert!((0..50).all(|_| a.next_u64() == b.next_u64()));
        assert_ne!(SplitMix64::new(1).next_u64(), SplitMix64::new(2).next_u64());
    }

    #[test]
    fn unit_interval() {
        let mut rng = SplitMix64::new(0);
        let values: Vec<f64> = (0..10_000).map(|_| rng.next_f64()).collect();
        assert!(values.iter().all(|&v| (0.0..1.0).contains(&v)));
        let mean = crate::num::mean(&values);
        assert!((mean - 0.5).abs() < 0.01, "mean {mean}");
    }

    #[test]
    fn below_is_in_range_and_roughly_uniform() {
        let mut rng = SplitMix64::new(9);
        assert_eq!(rng.below(0), 0);
        assert_eq!(rng.below(1), 0);
        let mut counts = [0u32; 6];
        for _ in 0..60_000 {
            counts[rng.below(6)] += 1;
        }
        // Each face expects 10,000; 5 standard deviations is about ±460.
        assert!(counts.iter().all(|&c| (9_500..=10_500).contains(&c)), "{counts:?}");
    }
}
