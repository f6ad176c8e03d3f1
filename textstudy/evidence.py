"""The same evidence across outlets: find evidence mentions, group them, compare their framing.

1. **Mentions.** A body sentence (paragraph, list item, quote, heading) is an evidence mention
   when it carries a citation match (specific or vague, :mod:`textstudy.measures.citations`) or
   an evidence noun ("study", "trial", "survey", "review", "case series", "research" ...).
2. **Clusters.** Mentions are embedded with TF-IDF (word 1–2-grams, years kept as tokens, the
   topic stop-word list) and grouped by average-linkage agglomerative clustering on cosine
   distance with ``distance_threshold`` (scikit-learn). Only mentions from different documents
   make evidence *shared*; clusters are labelled by their top TF-IDF terms and any year they all
   mention. No model weights are downloaded.
3. **Framing.** For each cluster and outlet: the sentences, their hedges and boosters, whether a
   specific source is given, and a claim-strength label by rules on verbs and modals
   (``lexicons/claim_strength.csv``, after Sumner et al. 2014, BMJ 349:g7015, and Yu et al.
   2019, EMNLP):

   - ``direct_causal``: a causal verb ("reduces", "eliminates", "works") with no modal or hedge;
   - ``conditional_causal``: a causal verb qualified by a modal ("may reduce", "can help") or an
     epistemic hedge in the same sentence (approximators such as "about 3 fewer attacks" hedge a
     quantity, not the claim, and do not count);
   - ``correlational``: association or self-report language ("associated with", "reported");
   - ``no_claim``: none of these.

   When a sentence has both causal and correlational cues, the causal label wins (the stronger
   claim is what a reader takes away). Strength order: no_claim < correlational <
   conditional_causal < direct_causal.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .corpus import load_corpus
from .lexicon import LexiconMatcher, load_lexicon
from .run import CorpusLike, analyze_with_matches
from .tables import sentences as sentence_table

EVIDENCE_NOUN_RE = re.compile(
    r"\b(?:stud(?:y|ies)|trials?|surveys?|reviews?|meta-analys[ie]s|case (?:series|reports?)|"
    r"research|experiments?|participants|patients|evidence|findings?|data)\b",
    re.IGNORECASE,
)
MENTION_KINDS = ("paragraph", "list_item", "quote", "heading")
CLAIM_ORDER = ["no_claim", "correlational", "conditional_causal", "direct_causal"]
_YEAR_RE = re.compile(r"\b(?:19[5-9]\d|20[0-4]\d)\b")
_CLAIM = load_lexicon("claim_strength")
_CLAIM_MATCHER = LexiconMatcher(_CLAIM)


def claim_strength(sentence: str, n_hedges: int = 0) -> str:
    """Claim-strength label of one sentence (see the module docstring for the rules).

    ``n_hedges`` is the number of epistemic hedges (not approximators) in the sentence.
    """
    cats = {_CLAIM.table["category"][h.entry] for h in _CLAIM_MATCHER.find(sentence)}
    if "causal" in cats:
        return "conditional_causal" if ("modal" in cats or n_hedges) else "direct_causal"
    if "correlational" in cats:
        return "correlational"
    return "no_claim"


def evidence_mentions(corpus: CorpusLike) -> pd.DataFrame:
    """Body sentences that mention evidence, with their framing features.

    Returns
    -------
    DataFrame
        ``doc_id, sentence_id, start, end, sentence, hedges_n, boosters_n, specific_n,
        vague_n, claim_strength`` plus the corpus metadata columns.
    """
    docs = load_corpus(corpus)
    _, hits = analyze_with_matches(docs, measures=["hedging", "citations"])
    sents = sentence_table(docs)
    sents = sents[sents["block_kind"].isin(MENTION_KINDS)]
    hits = hits.assign(measure=hits["measure"].where(
        (hits["measure"] != "hedges") | (hits["category"] != "approximator"), "approximators"))
    counts = (hits.groupby(["doc_id", "sentence_id", "measure"]).size()
              .unstack(fill_value=0))
    names = {"hedges": "epistemic_hedges_n", "approximators": "approximators_n",
             "boosters": "boosters_n", "citations_specific": "specific_n",
             "citations_vague": "vague_n"}
    counts = counts.reindex(columns=list(names), fill_value=0).rename(columns=names)
    out = sents.merge(counts.reset_index(), on=["doc_id", "sentence_id"], how="left")
    out[list(names.values())] = out[list(names.values())].fillna(0).astype(int)
    out["hedges_n"] = out["epistemic_hedges_n"] + out["approximators_n"]
    cited = (out["specific_n"] + out["vague_n"]) > 0
    out = out[cited | out["sentence"].str.contains(EVIDENCE_NOUN_RE)].copy()
    out["claim_strength"] = [claim_strength(s, h) for s, h in zip(out["sentence"],
                                                                   out["epistemic_hedges_n"])]
    meta = docs.drop(columns=["text"])
    cols = ["doc_id", "sentence_id", "start", "end", "sentence", "hedges_n", "boosters_n",
            "specific_n", "vague_n", "claim_strength"]
    return out[cols].merge(meta, on="doc_id", how="left").reset_index(drop=True)


def _vectorise(texts: list[str]):
    from sklearn.feature_extraction.text import TfidfVectorizer

    from .topics import topic_stop_words

    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True,
                          stop_words=sorted(topic_stop_words()[0]),
                          token_pattern=r"(?u)\b(?:[a-zA-Z][a-zA-Z\-]+|\d{4})\b")
    return vec, vec.fit_transform(texts)


def evidence_clusters(corpus: CorpusLike, distance_threshold: float = 0.85,
                      group: str = "outlet", min_docs: int = 2, n_label_terms: int = 4
                      ) -> pd.DataFrame:
    """Evidence mentions grouped into clusters of the same evidence across documents.

    Parameters
    ----------
    corpus : path or DataFrame
        What :func:`textstudy.load_corpus` accepts.
    distance_threshold : float
        Cosine distance (1 − TF-IDF cosine similarity) under which average-linkage clusters
        merge; lower is stricter.
    group : str
        Metadata column naming the outlet (``doc_id`` is used where it is missing or empty).
    min_docs : int
        Keep clusters mentioned in at least this many documents (shared evidence).

    Returns
    -------
    DataFrame
        ``cluster_id, label, doc_id, outlet, sentence, start, end`` and the mention's framing
        columns (hedges_n, boosters_n, specific_n, vague_n, claim_strength), sorted by
        cluster then document order.
    """
    from sklearn.cluster import AgglomerativeClustering

    mentions = evidence_mentions(corpus)
    columns = ["cluster_id", "label", "doc_id", "outlet", "sentence", "start", "end",
               "hedges_n", "boosters_n", "specific_n", "vague_n", "claim_strength"]
    if len(mentions) < 2:
        return pd.DataFrame(columns=columns)
    outlet = mentions[group] if group in mentions.columns else mentions["doc_id"]
    mentions["outlet"] = outlet.where(outlet.astype(bool), mentions["doc_id"])
    vec, x = _vectorise(mentions["sentence"].tolist())
    labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                     distance_threshold=distance_threshold
                                     ).fit_predict(x.toarray())
    mentions["raw_cluster"] = labels
    shared = mentions.groupby("raw_cluster")["doc_id"].nunique()
    keep = shared[shared >= min_docs].index
    mentions = mentions[mentions["raw_cluster"].isin(keep)].copy()
    # stable ids: clusters numbered by their first mention in corpus order
    first = mentions.groupby("raw_cluster").apply(lambda g: g.index.min(), include_groups=False)
    renumber = {c: i for i, c in enumerate(first.sort_values().index)}
    mentions["cluster_id"] = mentions["raw_cluster"].map(renumber)
    terms = np.asarray(vec.get_feature_names_out())
    label_of = {}
    for raw, g in mentions.groupby("raw_cluster"):
        weights = np.asarray(x[g.index].mean(axis=0)).ravel()
        top = [terms[i] for i in np.argsort(-weights, kind="stable")[:n_label_terms]
               if weights[i] > 0]
        label_of[raw] = " · ".join(top)
    mentions["label"] = mentions["raw_cluster"].map(label_of)
    return (mentions.sort_values(["cluster_id", "doc_id", "start"])[columns]
            .reset_index(drop=True))


def framing(corpus: CorpusLike, **cluster_args) -> pd.DataFrame:
    """Cluster × outlet framing table.

    Returns
    -------
    DataFrame
        ``cluster_id, label, outlet, n_mentions, hedges_n, boosters_n, specific_source``
        (any mention with a specific citation), ``vague_source``, ``claim_strength`` (the
        strongest label among the outlet's mentions), ``certainty`` (boosters − hedges over
        the mentions), ``sentences`` (the mentions joined by " | ").
    """
    clusters = evidence_clusters(corpus, **cluster_args)
    if clusters.empty:
        return pd.DataFrame(columns=["cluster_id", "label", "outlet", "n_mentions", "hedges_n",
                                     "boosters_n", "specific_source", "vague_source",
                                     "claim_strength", "certainty", "sentences"])
    rank = {c: i for i, c in enumerate(CLAIM_ORDER)}
    rows = []
    for (cid, label, outlet), g in clusters.groupby(["cluster_id", "label", "outlet"], sort=True):
        rows.append({
            "cluster_id": cid, "label": label, "outlet": outlet, "n_mentions": len(g),
            "hedges_n": int(g["hedges_n"].sum()), "boosters_n": int(g["boosters_n"].sum()),
            "specific_source": bool((g["specific_n"] > 0).any()),
            "vague_source": bool((g["vague_n"] > 0).any()),
            "claim_strength": max(g["claim_strength"], key=rank.__getitem__),
            "certainty": int(g["boosters_n"].sum() - g["hedges_n"].sum()),
            "sentences": " | ".join(g["sentence"]),
        })
    return pd.DataFrame(rows)
