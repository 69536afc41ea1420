//! The tests' pseudo-random numbers: a xorshift generator, so that randomised tests need no
//! dependency and fail the same way twice.

pub struct Xorshift(u64);

impl Xorshift {
    /// A non-zero seed (zero stays zero).
    pub fn new(seed: u64) -> Xorshift {
        Xorshift(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}
