//! Checks shared by the fuzz targets: the invariants every extraction must keep.

use copydesk::text::markup::Prose;

/// Every piece maps to an in-bounds source range on character boundaries, pieces are in
/// order, exact pieces copy their source bytes, and mapped spans stay inside the source.
pub fn check_prose(source: &str, prose: &Prose) {
    let mut last_prose = 0;
    let mut last_src = 0;
    for p in &prose.pieces {
        assert!(p.prose_start <= p.prose_end, "piece {p:?} is reversed");
        assert!(
            p.prose_end <= prose.text.len(),
            "piece {p:?} past the prose"
        );
        assert!(p.prose_start >= last_prose, "pieces out of prose order");
        assert!(
            p.src.start <= p.src.end,
            "piece {p:?}: reversed source span"
        );
        assert!(p.src.end <= source.len(), "piece {p:?} past the source");
        assert!(p.src.start >= last_src, "pieces out of source order: {p:?}");
        assert!(source.is_char_boundary(p.src.start) && source.is_char_boundary(p.src.end));
        if p.exact {
            assert_eq!(
                &prose.text[p.prose_start..p.prose_end],
                &source[p.src.start..p.src.end],
                "exact piece differs from its source"
            );
        }
        last_prose = p.prose_end;
        last_src = p.src.start;
    }
    for b in &prose.blocks {
        assert!(b.start <= b.end && b.end <= prose.text.len(), "block {b:?}");
    }
}
