import { strict as assert } from 'node:assert';
import { NewRows } from '../../client/newRows';

describe('client/newRows (the Artifacts view\'s "3 new")', () => {
  it('counts nothing until a row is selected: at the top the new rows are in sight', () => {
    const n = new NewRows(100);
    assert.equal(n.listed(['b', 'a']), 0);
    assert.equal(n.listed(['d', 'c', 'b', 'a']), 0);
    assert.equal(n.text, undefined);
  });

  it('counts the rows that arrived after a row was selected, whichever row it was', () => {
    const n = new NewRows(100);
    n.listed(['c', 'b', 'a']);
    assert.equal(n.selected('a'), 0);
    assert.equal(n.listed(['e', 'd', 'c', 'b', 'a']), 2);
    assert.equal(n.text, '2 new');
    // the newest row selected: seen, and later arrivals count again (the tree keeps it in view)
    const m = new NewRows(100);
    m.listed(['c', 'b', 'a']);
    m.selected('c');
    assert.equal(m.listed(['f', 'e', 'd', 'c', 'b', 'a']), 3);
    assert.equal(m.text, '3 new');
  });

  it('drops to the rows above one selected higher up; the newest selected clears it; a lower one changes nothing', () => {
    const n = new NewRows(100);
    n.listed(['b', 'a']);
    n.selected('a');
    n.listed(['f', 'e', 'd', 'c', 'b', 'a']);
    assert.equal(n.count, 4);
    assert.equal(n.selected('a'), 4);
    assert.equal(n.selected('d'), 2);
    assert.equal(n.selected('e'), 1);
    assert.equal(n.selected('f'), 0);
    assert.equal(n.text, undefined);
    assert.equal(n.listed(['g', 'f', 'e', 'd', 'c', 'b', 'a']), 1);
    // a row the listing does not hold (filtered out) changes nothing
    assert.equal(n.selected('zz'), 1);
  });

  it('clears when the newest is revealed: still away while a row is selected, at the top when none is', () => {
    const n = new NewRows(100);
    n.listed(['b', 'a']);
    n.selected('a');
    n.listed(['d', 'c', 'b', 'a']);
    n.revealed(true);
    assert.equal(n.count, 0);
    assert.equal(n.listed(['e', 'd', 'c', 'b', 'a']), 1);
    n.revealed(false);
    assert.equal(n.listed(['g', 'f', 'e', 'd', 'c', 'b', 'a']), 0);
  });

  it('counts every listed row when the one seen is no longer listed (more arrived than the listing holds)', () => {
    const n = new NewRows(100);
    n.listed(['a']);
    n.selected('a');
    const hundred = Array.from({ length: 100 }, (_, i) => `r${100 - i}`);
    assert.equal(n.listed(hundred), 100);
    assert.equal(n.text, '100+ new');
    // fewer than the limit: they are all there is
    const m = new NewRows(100);
    m.listed(['a']);
    m.selected('a');
    assert.equal(m.listed(['c', 'b']), 2);
    assert.equal(m.text, '2 new');
  });
});
