"""Whoosh: the default, single-node backend. One index per kind under SEARCH_INDEX_DIR;
only the indexing job (under the Redis writer lock) and `search reindex` write to it."""

import os
import threading
from collections import Counter

from whoosh import fields, highlight, index, sorting
from whoosh import query as wq
from whoosh.analysis import StemmingAnalyzer
from whoosh.writing import CLEAR

from .documents import KINDS, Document
from .index import (
    MARK_END,
    MARK_START,
    SearchBackend,
    SearchHits,
    SearchRequest,
    live_ids,
    marked_html,
    similarity_groups,
)
from .text import ParsedQuery, single_edits

ANALYZER = StemmingAnalyzer()  # words, lower case, English stop words, Porter stems
TITLE_BOOST = 3.0
TAG_FACET_SIZE = 15


def make_schema() -> fields.Schema:
    return fields.Schema(
        # A column too: the live-visibility check maps every match to its id without reading
        # stored fields document by document.
        key=fields.ID(unique=True, stored=True, sortable=True),
        title=fields.TEXT(analyzer=ANALYZER, field_boost=TITLE_BOOST, stored=True),
        body=fields.TEXT(analyzer=ANALYZER, stored=True),
        tags=fields.KEYWORD(lowercase=True, scorable=True, vector=True),
        status=fields.ID(sortable=True),
        audience=fields.ID(sortable=True),
        constituency=fields.ID(sortable=True),
    )


class MarkerFormatter(highlight.Formatter):
    """Matched words between markers; `marked_html` escapes the rest and makes <mark>s."""

    between = " … "

    def format_token(self, text, token, replace=False):
        return MARK_START + highlight.get_text(text, token, replace) + MARK_END


def stems(text: str) -> list[str]:
    return [token.text for token in ANALYZER(text)]


def near(phrase_stems: list[str], boost: float = 1.0):
    """The words in this order, a stop word or two apart at most, in the title or the body."""
    return wq.Or([wq.Phrase("title", phrase_stems, slop=2), wq.Phrase("body", phrase_stems, slop=2)], boost=boost)


class WhooshBackend(SearchBackend):
    name = "whoosh"

    def __init__(self, directory: str):
        self.directory = directory
        self._local = threading.local()  # searchers are per thread: they are not shared safely

    # --- storage -------------------------------------------------------------------------
    def _path(self, kind: str) -> str:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}")
        return os.path.join(self.directory, kind)

    def _open(self, kind: str, create: bool):
        path = self._path(kind)
        if index.exists_in(path):
            return index.open_dir(path)
        if not create:
            return None
        os.makedirs(path, exist_ok=True)
        return index.create_in(path, make_schema())

    def _searcher(self, kind: str):
        searchers = self._local.__dict__.setdefault("searchers", {})
        searcher = searchers.get(kind)
        if searcher is None:
            ix = self._open(kind, create=False)
            if ix is None:
                return None
            searcher = searchers[kind] = ix.searcher()
        elif not searcher.up_to_date():
            # A fresh searcher, not refresh(): refresh() reuses segment readers and after a
            # rebuild (mergetype=CLEAR) it kept the dropped segment, counting documents twice.
            searcher.close()
            del searchers[kind]
            return self._searcher(kind)
        return searcher

    def _doc_fields(self, doc: Document) -> dict:
        # Every document gets some tag and status term: Whoosh's facets fail on a missing one.
        return {
            "key": str(doc.ref_id),
            "title": doc.title,
            "body": doc.body,
            "tags": " ".join(doc.tags) or "-",
            "status": doc.status or "-",
            "audience": doc.audience,
            "constituency": doc.constituency or "-",
        }

    def add(self, kind: str, docs: list[Document]) -> None:
        if not docs:
            return
        writer = self._open(kind, create=True).writer(timeout=30)
        with writer:
            for doc in docs:
                writer.update_document(**self._doc_fields(doc))

    def remove(self, kind: str, ids: list[int]) -> None:
        ix = self._open(kind, create=False)
        if ix is None or not ids:
            return
        with ix.writer(timeout=30) as writer:
            for ref_id in ids:
                writer.delete_by_term("key", str(ref_id))

    def rebuild(self, kind: str, batches, progress=None) -> int:
        ix = self._open(kind, create=True)
        if ix.schema["key"].column_type is None:
            ix = index.create_in(self._path(kind), make_schema())  # an index from before the key column
        writer = ix.writer(timeout=60, limitmb=256)
        written = 0
        try:
            for docs in batches:
                for doc in docs:
                    writer.add_document(**self._doc_fields(doc))
                written += len(docs)
                if progress:
                    progress(len(docs))
        except BaseException:
            writer.cancel()
            raise
        writer.commit(mergetype=CLEAR)  # the old segments go in the same commit: no empty moment
        return written

    def count(self, kind: str) -> int:
        searcher = self._searcher(kind)
        return searcher.doc_count() if searcher else 0

    # --- queries -------------------------------------------------------------------------
    def _known(self, searcher, stem: str) -> bool:
        reader = searcher.reader()
        return ("title", stem) in reader or ("body", stem) in reader

    def _word_clause(self, word: str, word_stems: list[str]):
        terms = [wq.Term("tags", word)]
        for stem in word_stems:
            terms += [wq.Term("title", stem), wq.Term("body", stem)]
        return wq.Or(terms)

    def _corrections(self, searcher, word: str) -> list[str]:
        """Stems in the index one typo away from `word`, read through the stemmer."""
        found = []
        for candidate in sorted(single_edits(word)):
            for stem in stems(candidate):
                if stem not in found and self._known(searcher, stem):
                    found.append(stem)
        return found[:8]

    def _text_query(self, searcher, parsed: ParsedQuery, forgive_typos: bool):
        clauses, corrected = [], False
        for word in parsed.words:
            word_stems = stems(word)
            if not word_stems:
                continue  # a stop word on its own narrows nothing
            if forgive_typos and not any(self._known(searcher, s) for s in word_stems):
                fixes = self._corrections(searcher, word)
                if fixes:
                    word_stems, corrected = fixes, True
            clauses.append(self._word_clause(word, word_stems))
        for phrase in parsed.phrases:
            phrase_stems = stems(" ".join(phrase))
            if phrase_stems:
                clauses.append(near(phrase_stems))
        if not clauses:
            return None, corrected
        query = wq.And(clauses)
        all_stems = [s for w in parsed.words for s in stems(w)]
        if len(all_stems) > 1 and not parsed.phrases:
            # Words next to each other, as typed, rank above the same words scattered.
            query = wq.AndMaybe(query, near(all_stems, boost=2.0))
        excluded = [self._word_clause(w, stems(w)) for w in parsed.excluded]
        if excluded:
            query = wq.AndNot(query, wq.Or(excluded))
        return query, corrected

    @staticmethod
    def _filter_terms(audiences, filters: dict) -> list:
        terms = [wq.Or([wq.Term("audience", a) for a in audiences])]
        for facet, fieldname in (("status", "status"), ("tag", "tags"), ("constituency", "constituency")):
            if filters.get(facet):
                terms.append(wq.Term(fieldname, filters[facet]))
        return terms

    def query(self, request: SearchRequest) -> SearchHits:
        searcher = self._searcher(request.kind)
        if searcher is None or request.query.empty:
            return SearchHits(ids=[], total=0)
        hits = self._run(searcher, request, forgive_typos=False)
        if hits.total == 0 and request.query.words:
            # Only a correction that finds something the reader may see is shown: the vocabulary
            # also holds words of content the reader may not see.
            corrected = self._run(searcher, request, forgive_typos=True)
            hits = corrected if corrected.total else hits
        return hits

    def _ref_ids(self, kind: str, searcher, docnums) -> dict[int, int]:
        """docnum → the document's id, from the key column read once per searcher (an index
        from before that column falls back to the stored fields)."""
        reader = searcher.reader()
        if not reader.has_column("key"):
            return {docnum: int(searcher.stored_fields(docnum)["key"]) for docnum in docnums}
        tables = self._local.__dict__.setdefault("ref_tables", {})
        cached = tables.get(kind)
        if cached is None or cached[0] is not searcher:  # a new searcher: the index changed
            cached = tables[kind] = (searcher, [int(key or 0) for key in reader.column_reader("key")])
        table = cached[1]
        return {docnum: table[docnum] for docnum in docnums}

    def _stale(self, kind: str, searcher, docnums, visible) -> set[int]:
        """Those matches (docnums) whose rows the reader may no longer see: the index is a moment
        behind the database, and a hidden row must not count in totals, facets, pages or snippets."""
        ref_ids = self._ref_ids(kind, searcher, docnums)
        allowed = live_ids(visible, ref_ids.values())
        return {docnum for docnum, ref_id in ref_ids.items() if ref_id not in allowed}

    def _search_live(self, kind: str, searcher, query, visible, **options):
        """`searcher.search`, checked against the database's live rows; searched again without
        the stale matches when there are any (only while the index lags behind)."""
        results = searcher.search(query, **options)
        if visible is not None and (stale := self._stale(kind, searcher, results.docs(), visible)):
            results = searcher.search(query, mask=stale, **options)
        return results

    def _run(self, searcher, request: SearchRequest, forgive_typos: bool) -> SearchHits:
        text_query, corrected = self._text_query(searcher, request.query, forgive_typos)
        if text_query is None or (forgive_typos and not corrected):
            return SearchHits(ids=[], total=0)
        query = wq.And([text_query, *self._filter_terms(request.audiences, request.filters)])
        groups = (
            {"status": sorting.FieldFacet("status"), "constituency": sorting.FieldFacet("constituency")}
            if request.facets
            else None
        )
        results = self._search_live(
            request.kind,
            searcher,
            query,
            request.visible,
            limit=request.offset + request.limit,
            groupedby=groups,
            maptype=sorting.Count,
        )
        results.fragmenter = highlight.ContextFragmenter(maxchars=300, surround=60)
        results.formatter = MarkerFormatter()
        page = results[request.offset : request.offset + request.limit]
        hits = SearchHits(ids=[int(hit["key"]) for hit in page], total=len(results), corrected=corrected)
        for hit in page:
            ref_id = int(hit["key"])
            hits.scores[ref_id] = round(hit.score, 4)
            if request.highlights:
                hits.highlights[ref_id] = {
                    name: marked_html(text) for name in ("title", "body") if (text := hit.highlights(name, top=2))
                }
        if groups:
            hits.facets = {name: self._facet_counts(results.groups(name), name) for name in groups}
            hits.facets["tag"] = self._tag_counts(searcher, results)
        return hits

    @staticmethod
    def _tag_counts(searcher, results) -> list[tuple[str, int]]:
        """Tags are multi-valued: Whoosh's own facet reads a term vector per matching document
        (most of a broad search's time); intersecting each tag's posting list is far cheaper."""
        matched = results.docs()
        reader = searcher.reader()
        counts = []
        for tag in reader.lexicon("tags"):
            if tag == b"-":
                continue
            count = sum(1 for docnum in reader.postings("tags", tag).all_ids() if docnum in matched)
            if count:
                counts.append((tag.decode(), count))
        return sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:TAG_FACET_SIZE]

    @staticmethod
    def _facet_counts(counts: dict, name: str) -> list[tuple[str, int]]:
        pairs = [(value.decode() if isinstance(value, bytes) else str(value), count) for value, count in counts.items()]
        pairs = sorted((p for p in pairs if p[0] not in ("-", "", "None")), key=lambda p: (-p[1], p[0]))
        return pairs

    def similar(self, title: str, body: str, audiences, *, visible=None, exclude_id=None, limit=5):
        searcher = self._searcher("ideas")
        groups = similarity_groups(stems(title))
        if searcher is None or not groups:
            return []
        title_stems = {stem for group in groups for stem in group}
        # Titles only: a duplicate says the same thing in its title, and intersecting short title
        # posting lists is what keeps this fast in pure Python (bodies are only a bonus below).
        title_part = wq.Or([wq.And([wq.Term("title", s) for s in group]) for group in groups])
        body_stems = [s for s, _n in Counter(stems(body[:5000])).most_common(20) if s not in title_stems]
        query = (
            wq.AndMaybe(title_part, wq.Or([wq.Term("body", s, boost=0.3) for s in body_stems]))
            if body_stems
            else title_part
        )
        query = wq.And([query, *self._filter_terms(audiences, {})])
        if exclude_id is not None:
            query = wq.AndNot(query, wq.Term("key", str(exclude_id)))
        hits = self._search_live("ideas", searcher, query, visible, limit=limit)
        return [(int(hit["key"]), round(hit.score, 4)) for hit in hits]
