"""The embedded pipeline's tok2vec at analysis time: the same weights and the same output as thinc's
forward pass, with two shortcuts that only inference allows.

The tok2vec CNN is most of the NLP stage's time. It is two parts (spaCy's ``Tok2Vec.v2`` with
``MultiHashEmbed.v2`` and ``MaxoutWindowEncoder.v2``):

1. **embedding**: a token's NORM, PREFIX, SUFFIX and SHAPE are hashed into four tables, the rows
   concatenated and mixed by a maxout layer with layer norm. Its output depends on those four
   features alone, so it is worked out once per distinct feature row and kept (a text repeats its
   words: ~1 token in 10 of a 60,000-word corpus is a new row). thinc redoes it for every token.
2. **encoder**: four residual layers, each a window of three tokens, maxout and layer norm. They depend
   on the neighbours, so they run for every token, but as plain numpy in blocks of rows that stay
   in the CPU's cache: the maxout's pieces laid out so the max is over whole contiguous blocks,
   layer norm with the mean taken once and its arithmetic in place. The documents are laid out as
   thinc lays them out (four zero rows before each one and at the end, which the layers also
   transform), so every row sees what it would see under thinc.

Only the architecture above is taken over (``fast_tok2vec`` checks the layer names and shapes); any
other pipeline, such as a user's own spaCy model, runs through thinc unchanged. The test suite
compares the output with thinc's on the corpora.
"""

from __future__ import annotations

import threading

import numpy

_EMBED = ["extract_features", "list2ragged", None, "with_array(maxout>>layernorm>>dropout)", "ragged2list"]
_ENCODER_LAYER = "residual(expand_window>>maxout>>layernorm>>dropout)"
CHUNK_ROWS = 1024  # rows of the encoder's arrays worked on at a time
# numpy's BLAS multiplies a matrix of 1 to 4 rows with other kernels than a taller one, and their
# sums can differ in the last bit; so no product here has fewer rows, and the output is that of a
# batch of ordinary size (thinc's own output for a batch of 1-4 tokens differs in the same way)
MIN_ROWS = 8
MAX_ROWS = 50_000  # distinct feature rows kept (~19 MB at width 96); the table starts over when full


class FastTok2Vec:
    """``__call__(docs)`` gives what ``Tok2Vec.predict(docs)`` gives: one (tokens × width) array per doc."""

    def __init__(self, model):
        embed, encoder = model.layers
        self._features = embed.layers[0]
        self._hash_embed = embed.layers[2]
        self._mixer = embed.layers[3]
        self._pad = encoder.attrs["pad"]
        self._layers = [_EncoderLayer(layer) for layer in encoder.layers[0].layers]
        self.width = self._layers[0].width
        self._rows: dict[int, int] = {}  # row hash -> row of the table
        self._lock = threading.Lock()  # the table is shared by the threads of a server
        self._table = numpy.zeros((1024, self.width), dtype="f")  # the embedding of each kept row
        self._features_of = numpy.zeros((1024, len(self._features.attrs["columns"])), dtype="uint64")

    def __call__(self, docs) -> list:
        features = self._features.predict(docs)
        lengths = [len(f) for f in features]
        if not any(lengths):
            return [numpy.zeros((0, self.width), dtype="f") for _ in docs]
        with self._lock:
            embedded = self._embed(numpy.concatenate([f for f in features if len(f)]))
        return self._encode(embedded, lengths)

    # -- embedding: once per distinct row of features ------------------------------------------
    def _embed(self, features: numpy.ndarray) -> numpy.ndarray:
        distinct, first, inverse = numpy.unique(_row_hashes(features), return_index=True, return_inverse=True)
        keys = distinct.tolist()
        rows = self._rows
        get = rows.get
        where = [get(key, -1) for key in keys]
        if -1 in where:
            new = [i for i, w in enumerate(where) if w < 0]
            if len(rows) + len(new) > MAX_ROWS:
                rows.clear()
                new = list(range(len(keys)))
            start, end = len(rows), len(rows) + len(new)
            new_features = features[first[new]]
            self._grow(end)
            self._table[start:end] = self._embed_rows(new_features)
            self._features_of[start:end] = new_features
            for row, i in enumerate(new, start):
                rows[keys[i]] = where[i] = row
        index = numpy.asarray(where)[inverse.reshape(-1)]
        if not numpy.array_equal(self._features_of[index], features):
            # two feature rows with one 64-bit hash (never seen): this batch goes without the shortcut
            return self._embed_rows(features)
        return self._table[index]

    def _embed_rows(self, features: numpy.ndarray) -> numpy.ndarray:
        if len(features) < MIN_ROWS:  # see MIN_ROWS: a kept row must be what a batch gives
            return self._embed_rows(numpy.resize(features, (MIN_ROWS, features.shape[1])))[: len(features)]
        return self._mixer.predict(self._hash_embed.predict(features))

    def _grow(self, size: int) -> None:
        if size > len(self._table):
            size = max(size, 2 * len(self._table))
            self._table = numpy.resize(self._table, (size, self.width))
            self._features_of = numpy.resize(self._features_of, (size, self._features_of.shape[1]))

    # -- encoder: thinc's padded layout, plain numpy ---------------------------------------------
    def _encode(self, embedded: numpy.ndarray, lengths: list[int]) -> list:
        pad = self._pad
        n_docs = sum(1 for n in lengths if n)
        X = numpy.zeros((len(embedded) + pad * (n_docs + 1), self.width), dtype="f")
        # the row of every token: `pad` zero rows before each non-empty doc and after the last
        counts = numpy.asarray([n for n in lengths if n])
        offsets = numpy.repeat(pad * numpy.arange(1, n_docs + 1), counts)
        positions = numpy.arange(len(embedded)) + offsets
        X[positions] = embedded
        # layer by layer, in blocks of rows small enough for the CPU's cache (~12 % faster than
        # whole arrays); a layer reads the previous layer's rows and writes a second array
        after = numpy.empty_like(X)
        blocks = _blocks(len(X), CHUNK_ROWS)
        scratch = _Scratch(max(end - start for start, end in blocks), self.width, self._layers[0].pieces)
        for layer in self._layers:
            for start, end in blocks:
                layer(X, start, end, after, scratch)
            X, after = after, X
        out, start = [], pad
        for n in lengths:
            if n:
                out.append(X[start : start + n])
                start += n + pad
            else:
                out.append(numpy.zeros((0, self.width), dtype="f"))
        return out


class _Scratch:
    """Arrays one encoder pass reuses from block to block of rows."""

    def __init__(self, rows: int, width: int, pieces: int):
        self.window = numpy.empty((rows, 3 * width), dtype="f")
        self.pieces = numpy.empty((rows, pieces * width), dtype="f")
        self.best = numpy.empty((rows, width), dtype="f")
        self.column = numpy.empty((rows, 1), dtype="f")


class _EncoderLayer:
    """residual(expand_window(1) >> maxout >> layernorm), as thinc computes it."""

    def __init__(self, residual):
        window, maxout, layernorm = _find(residual, "expand_window"), _find(residual, "maxout"), _find(residual, "layernorm")
        self.width, self.pieces = maxout.get_dim("nO"), maxout.get_dim("nP")
        n_in = maxout.get_dim("nI")
        if window.attrs["window_size"] != 1 or n_in != 3 * self.width:
            raise ValueError("an encoder layer this module does not know")
        W = maxout.get_param("W")  # (width, pieces, n_in): thinc's piece-minor order
        self.W_T = numpy.ascontiguousarray(W.transpose(1, 0, 2).reshape(self.pieces * self.width, n_in).T)
        self.b = numpy.ascontiguousarray(maxout.get_param("b").T.reshape(-1))
        self.G, self.beta = layernorm.get_param("G"), layernorm.get_param("b")

    def __call__(self, X: numpy.ndarray, start: int, end: int, out: numpy.ndarray, s: _Scratch) -> None:
        """``out[start:end]`` = ``X[start:end]`` + this layer's output for those rows."""
        w, n, last = self.width, end - start, len(X)
        window = s.window[:n]  # each row: the token before, the token, the token after (zeros at the ends)
        window[:, w : 2 * w] = X[start:end]
        if start == 0:
            window[0, :w] = 0
            window[1:, :w] = X[: end - 1]
        else:
            window[:, :w] = X[start - 1 : end - 1]
        if end == last:
            window[-1, 2 * w :] = 0
            window[:-1, 2 * w :] = X[start + 1 :]
        else:
            window[:, 2 * w :] = X[start + 1 : end + 1]
        Y = numpy.matmul(window, self.W_T, out=s.pieces[:n])
        Y += self.b
        best = numpy.maximum(Y[:, :w], Y[:, w : 2 * w], out=s.best[:n])
        for p in range(2, self.pieces):
            numpy.maximum(best, Y[:, p * w : (p + 1) * w], out=best)
        # thinc's layer norm: (x - mean) / sqrt(var + 1e-8) * G + b, var as numpy's var computes it
        mean = numpy.mean(best, axis=1, keepdims=True)
        centred = numpy.subtract(best, mean, out=Y[:, :w])
        squares = numpy.multiply(centred, centred, out=Y[:, w : 2 * w])
        var = numpy.sum(squares, axis=1, keepdims=True, out=s.column[:n])
        var /= w
        var += 1e-08
        var **= -0.5
        centred *= var
        centred *= self.G
        centred += self.beta
        numpy.add(X[start:end], centred, out=out[start:end])  # the residual connection


def _blocks(rows: int, size: int) -> list[tuple[int, int]]:
    """[start, end) blocks of ``size`` rows, the last one merged into the one before when it would
    be shorter than MIN_ROWS."""
    bounds = [*range(0, rows, size), rows]
    if len(bounds) > 2 and bounds[-1] - bounds[-2] < MIN_ROWS:
        del bounds[-2]
    return list(zip(bounds, bounds[1:]))


def _row_hashes(features: numpy.ndarray) -> numpy.ndarray:
    """One uint64 per row of feature hashes (wrapping arithmetic): a key for numpy.unique, ~20 times
    faster than numpy.unique(axis=0). ``_embed`` checks that the rows behind a key are the same."""
    hashes = numpy.zeros(len(features), dtype="uint64")
    for k, column in enumerate(features.T):
        hashes ^= column * numpy.uint64((0x9E3779B97F4A7C15 * (2 * k + 1)) % 2**64)
    return hashes


def _find(model, name: str):
    return next(node for node in model.walk() if node.name == name)


def fast_tok2vec(nlp) -> FastTok2Vec | None:
    """A ``FastTok2Vec`` for the pipeline's tok2vec when its architecture is the one above, else None."""
    if "tok2vec" not in nlp.pipe_names:
        return None
    from thinc.api import NumpyOps

    model = nlp.get_pipe("tok2vec").model
    if any(not isinstance(node.ops, NumpyOps) or node.ops.use_blis for node in model.walk()):
        return None  # a GPU or Apple backend (arrays numpy cannot take), or thinc's blis kernels:
        # the output is thinc's bit for bit only when both multiply matrices with numpy's BLAS
    try:
        embed, encoder = model.layers
        names = [layer.name for layer in embed.layers]
        if len(names) != len(_EMBED) or any(a is not None and a != b for a, b in zip(_EMBED, names)):
            return None
        inner = encoder.layers[0].layers
        if not inner or any(layer.name != _ENCODER_LAYER for layer in inner) or "pad" not in encoder.attrs:
            return None
        return FastTok2Vec(model)
    except (ValueError, StopIteration, KeyError, AttributeError):
        return None
