//! A year of sample supervision work (filled in below).
