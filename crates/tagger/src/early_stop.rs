//! Early stopping for epoch-wise training: keep the best-scoring epoch's model, stop after a
//! number of epochs without a better one. Every trainer in the workspace uses this one rule.

/// The best candidate (a model and whatever goes with it) seen so far, by score.
#[derive(Debug)]
pub struct EarlyStop<T> {
    best: Option<(T, f64)>,
    since_best: usize,
    patience: usize,
}

impl<T> EarlyStop<T> {
    /// Stops after `patience` epochs in a row without a strictly better score.
    pub fn new(patience: usize) -> EarlyStop<T> {
        EarlyStop {
            best: None,
            since_best: 0,
            patience,
        }
    }

    /// Records one epoch's candidate and its score; `false` once training should stop.
    pub fn offer(&mut self, candidate: T, score: f64) -> bool {
        if self.best.as_ref().map_or(true, |(_, b)| score > *b) {
            self.best = Some((candidate, score));
            self.since_best = 0;
        } else {
            self.since_best += 1;
        }
        // A better epoch never stops training, whatever the patience.
        self.since_best == 0 || self.since_best < self.patience
    }

    /// Records a candidate that replaces the best whatever its score (no held-out data to
    /// judge by: the latest epoch is kept); training never stops early on it.
    pub fn keep(&mut self, candidate: T) {
        self.best = Some((candidate, f64::NEG_INFINITY));
        self.since_best = 0;
    }

    /// The best candidate, `None` when no epoch was offered.
    pub fn into_best(self) -> Option<T> {
        self.best.map(|(c, _)| c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_of_equal_bests_and_stops_after_patience() {
        let mut stop = EarlyStop::new(2);
        assert!(stop.offer("a", 1.0));
        assert!(stop.offer("b", 2.0));
        assert!(stop.offer("c", 2.0)); // not better: one epoch without gain
        assert!(!stop.offer("d", 1.5)); // two: stop
        assert_eq!(stop.into_best(), Some("b"));
    }

    #[test]
    fn a_better_epoch_resets_the_count() {
        let mut stop = EarlyStop::new(2);
        assert!(stop.offer(1, 1.0));
        assert!(stop.offer(2, 0.5));
        assert!(stop.offer(3, 3.0));
        assert!(stop.offer(4, 0.5));
        assert!(!stop.offer(5, 0.5));
        assert_eq!(stop.into_best(), Some(3));
    }

    #[test]
    fn patience_zero_stops_at_the_first_epoch_without_gain() {
        let mut stop = EarlyStop::new(0);
        assert!(stop.offer(1, 1.0));
        assert!(stop.offer(2, 2.0));
        assert!(!stop.offer(3, 2.0));
        assert_eq!(stop.into_best(), Some(2));
    }

    #[test]
    fn keep_takes_the_latest() {
        let mut stop = EarlyStop::new(1);
        stop.keep(1);
        stop.keep(2);
        assert_eq!(stop.into_best(), Some(2));
        assert_eq!(EarlyStop::<u8>::new(1).into_best(), None);
    }
}
