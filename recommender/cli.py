"""Command line: ``python -m recommender COMMAND``. Contracts in GUIDE.md section 3."""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from recommender.catalog import BUILTIN_CATALOG, ROLES, Catalog, CatalogStore, Overrides, load_catalog
from recommender.catalog.report import error_report, format_report, inspect_report
from recommender.errors import CatalogError
from recommender.finder import Finder, Turn
from recommender.formatting import amount as format_amount
from recommender.formatting import attribute_label
from recommender.language.dialogue import Dialogue
from recommender.language.parser import Parser
from recommender.language.semantic import SemanticMatcher
from recommender.ranking.semantic import CatalogVectors, preparation_status, shipped_path


def _pairs(values: list[str], what: str) -> dict[str, str]:
    out = {}
    for item in values:
        column, sep, value = item.rpartition("=")
        if not sep or not column or not value:
            raise CatalogError(f"--{what} expects COLUMN={what.upper()}, got {item!r}")
        out[column] = value
    return out


def _overrides(args: argparse.Namespace) -> Overrides | None:
    columns: dict[str, dict[str, str]] = {}
    for column, role in _pairs(args.role, "role").items():
        columns.setdefault(column, {})["role"] = role
    for column, unit in _pairs(args.unit, "unit").items():
        columns.setdefault(column, {})["unit"] = unit
    for column, concept in _pairs(args.concept, "concept").items():
        columns.setdefault(column, {})["concept"] = concept
    for column, words in _pairs(args.words, "words").items():
        columns.setdefault(column, {})["words"] = words
    if not columns and not args.currency:
        return None
    try:
        return Overrides(columns=columns, currency=args.currency.upper() if args.currency else None)
    except ValueError as exc:
        raise CatalogError(str(exc)) from None


def _terminal_bar() -> Callable[[int, int], None] | None:
    """A tqdm bar on stderr for embedding a catalog's product texts, when a person is watching."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    bar: list = []

    def update(done: int, total: int) -> None:
        if not bar:
            bar.append(tqdm(total=total, unit="text", desc="preparing matching by meaning", file=sys.stderr))
        bar[0].update(done - bar[0].n)
        if done >= total:
            bar[0].close()

    return update


def cmd_prepare(args: argparse.Namespace) -> int:
    """Embed a catalog's product texts now (resuming a stopped job); ``--ship`` writes them into the
    repository's data/vectors, the files a fresh start of the app reads instead of embedding."""
    catalog = _load_or_report(args.file, False)
    if catalog is None:
        return 2
    started = time.perf_counter()
    vectors = CatalogVectors(catalog, CatalogStore(), progress=_terminal_bar())
    seconds = time.perf_counter() - started
    print(f"{catalog.name}: {len(vectors.vectors):,} distinct product texts ready in {seconds:.1f} s")
    if args.ship:
        path = shipped_path(catalog, vectors.key)
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{catalog.content_hash}-*.npy"):
            stale.unlink()
        np.save(path, vectors.vectors.astype(np.float16), allow_pickle=False)
        print(f"shipped: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 0


def cmd_inspect(args: argparse.Namespace) -> int:
    """Print the inferred schema of a catalog file."""
    try:
        catalog = load_catalog(args.file, overrides=_overrides(args), store=CatalogStore())
    except CatalogError as exc:
        if args.json:
            print(json.dumps(error_report(str(exc)), ensure_ascii=False))
        else:
            print(f"error: {exc}", file=sys.stderr)
        return 2
    report = inspect_report(catalog)
    prepared = preparation_status(catalog, CatalogStore())
    report["preparation"] = {"done": prepared.done, "total": prepared.total}
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
        return 0
    print(format_report(report))
    state = "ready" if prepared.finished else f"{prepared.describe()} prepared; run `prepare` or ask once"
    print(f"matching by meaning: {state}")
    return 0


def _load_or_report(path: str, as_json: bool) -> Catalog | None:
    try:
        return load_catalog(path, store=CatalogStore())
    except CatalogError as exc:
        print(
            json.dumps(error_report(str(exc)), ensure_ascii=False) if as_json else f"error: {exc}",
            file=sys.stdout if as_json else sys.stderr,
        )
        return None


def cmd_parse(args: argparse.Namespace) -> int:
    """Print the constraints after each turn of a conversation."""
    catalog = _load_or_report(args.catalog, args.json)
    if catalog is None:
        return 2
    semantic = None if args.lexicon_only else SemanticMatcher(catalog)
    dialogue = Dialogue(catalog, Parser(catalog, semantic=semantic))
    readings = [dialogue.read(text) for text in args.text]
    if args.json:
        turns = [reading.to_json() for reading in readings]
        print(json.dumps({"catalog": catalog.name, "turns": turns}, ensure_ascii=False, default=_plain))
        return 0
    for reading in readings:
        state = reading.state
        print(f"> {reading.text}")
        for c in state.constraints:
            kind = "" if c.hard else " (soft)"
            note = f"   [{c.note}]" if c.note else ""
            need = c.describe(attribute_label(c.attribute, catalog.schema))
            print(f"    {need}{kind}  <- {c.source!r}{note}")
        for s in state.sorts:
            print(f"    sort by {s.attribute} {s.order}")
        for note in state.notes:
            print(f"    note: {note}")
        clarification = state.clarification or reading.question
        if clarification:
            print(f"    ? {clarification.question}")
        print(f"    {reading.matches:,} products match")
    return 0


def cmd_recommend(args: argparse.Namespace) -> int:
    """One conversation (--catalog, --query ...) or many (--batch FILE.jsonl), ranked and explained."""
    if args.batch:
        return _recommend_batch(args)
    if not args.catalog or not args.query:
        print("error: give --catalog FILE and at least one --query TEXT, or --batch FILE.jsonl", file=sys.stderr)
        return 2
    catalog = _load_or_report(args.catalog, args.json)
    if catalog is None:
        return 2
    conversation = Finder(catalog, store=CatalogStore(), progress=_terminal_bar()).conversation()
    turn = None
    for text in args.query:
        turn = conversation.say(text, top=args.top)
    if args.json:
        print(json.dumps(turn.to_json(), ensure_ascii=False, default=_plain))
    else:
        _print_turn(turn, catalog)
    return 0


def _print_turn(turn: Turn, catalog: Catalog) -> None:
    print(turn.ranking.message)
    for note in turn.state.notes:  # how the message was read: what was cut, left out or understood
        print(f"  note: {note}")
    for c in turn.state.constraints:
        need = c.describe(attribute_label(c.attribute, catalog.schema))
        print(f"  need: {need}{'' if c.hard else ' (soft)'}  <- {c.source!r}")
    for item in turn.ranking.items:
        price = "" if item.price is None else format_amount(item.price, catalog.schema.currency)
        flag = "" if item.matches_all else "  [near miss: " + "; ".join(item.violations) + "]"
        print(f"{item.rank:>3}. {item.name}  {price}  score {item.score:.3f}{flag}")
    print(f"  ({turn.timing_ms['total']:.0f} ms)")


def _recommend_batch(args: argparse.Namespace) -> int:
    """One JSON line out per conversation line in; a bad line gets an ``error`` object, the rest still run."""
    try:
        lines = Path(args.batch).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        print(json.dumps({"error": {"message": f"cannot read {args.batch!r}: {exc.strerror}"}}))
        return 2
    finders: dict[str, Finder] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            out = _batch_line(json.loads(line), finders)
        except json.JSONDecodeError as exc:
            out = {"error": {"line": number, "message": f"not valid JSON: {exc.msg} (column {exc.colno})"}}
        except (CatalogError, ValueError, TypeError, KeyError) as exc:
            out = {"error": {"line": number, "message": str(exc).strip("'\"")}}
        print(json.dumps(out, ensure_ascii=False, default=_plain), flush=True)
    return 0


def _batch_line(request: dict, finders: dict[str, Finder]) -> dict:
    if not isinstance(request, dict) or "catalog" not in request or "turns" not in request:
        raise ValueError('a batch line is {"catalog": PATH, "turns": [TEXT, ...], "top": K}')
    turns = request["turns"]
    if not isinstance(turns, list) or not all(isinstance(t, str) for t in turns) or not turns:
        raise ValueError("'turns' must be a non-empty list of texts")
    top = int(request.get("top", 5))
    path = str(Path(request["catalog"]).resolve())
    if path not in finders:  # each catalog and the model load once per process
        finders[path] = Finder(load_catalog(path, store=CatalogStore()), store=CatalogStore(), progress=_terminal_bar())
    conversation = finders[path].conversation()
    reactions = _reactions(request.get("feedback") or [], len(turns))
    for index, text in enumerate(turns):
        turn = conversation.say(text, top=top)
        for row, signal in reactions.get(index, []):
            turn = conversation.react(row, signal, top=top)
    return {"catalog": request["catalog"], **turn.to_json()}


def _reactions(feedback: object, n_turns: int) -> dict[int, list[tuple[int, str]]]:
    """Batch ``feedback`` entries by the (0-based) turn they follow."""
    if not isinstance(feedback, list):
        raise ValueError('\'feedback\' must be a list of {"after_turn": I, "row": R, "signal": S}')
    out: dict[int, list[tuple[int, str]]] = {}
    for entry in feedback:
        if not isinstance(entry, dict) or not {"after_turn", "row", "signal"} <= set(entry):
            raise ValueError(f'each feedback entry needs "after_turn", "row" and "signal", got {entry!r}')
        after = int(entry["after_turn"])
        if not 0 <= after < n_turns:
            raise ValueError(f"feedback after_turn {after} is not a turn index (0 to {n_turns - 1})")
        out.setdefault(after, []).append((int(entry["row"]), str(entry["signal"])))
    return out


def _plain(value: object) -> object:
    """JSON for numpy numbers that reach the output."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"cannot write {type(value).__name__} as JSON")


def cmd_benchmark(args: argparse.Namespace) -> int:
    """Train and evaluate preference models on a ``user item`` file; print a table, write JSON."""
    from recommender.models import benchmark  # torch loads only for this command

    try:
        if args.maxlen < 1:
            raise ValueError(f"--maxlen must be at least 1, got {args.maxlen}")
        models = benchmark.resolve_models(args.models)
        report = benchmark.run(
            args.data,
            models,
            maxlen=args.maxlen,
            time_budget=args.time_budget,
            seed=args.seed,
            log=lambda line: print(line, file=sys.stderr),
            search=args.search,
        )
    except ValueError as exc:  # DatasetError included: the message names the problem and the fix
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not report:
        return 0  # another rank of a torchrun group: rank 0 writes the results
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(benchmark.table(report))
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    """Train a catalog's preference model from its event store or an interaction CSV."""
    from recommender.jobs.retrain import catalog_content, catalog_training, read_histories, train_for_catalog
    from recommender.models.coldstart import cold_start
    from recommender.models.preference import rows_as_sequences

    try:
        store = CatalogStore()
        catalog = load_catalog(args.catalog, store=store)
        histories = read_histories(args.events, catalog)
        for warning in histories.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"{len(histories.sequences):,} sessions, {histories.events:,} events", file=sys.stderr)
        training = catalog_training(args.time_budget)
        if args.cold_start:
            sequences = rows_as_sequences(histories.sequences, len(catalog))
            content = catalog_content(catalog, store)
            report = cold_start(sequences, content, training, fraction=args.cold_start)
            print(json.dumps(report, indent=1))
            if args.json:
                Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
            return 0
        model, folder = train_for_catalog(
            catalog,
            histories,
            model=args.model,
            training=training,
            store=store,
            out=Path(args.out) if args.out else None,
            trained_on=args.label or Path(args.events).name,
            report=lambda e: print(
                f"epoch {e['epoch']}: loss {e['loss']:.3f}, validation NDCG@10 {e.get('NDCG@10', 0):.4f}",
                file=sys.stderr,
            ),
        )
    except (CatalogError, ValueError, OSError) as exc:  # OSError: the events or the model folder unreadable, disk full
        print(f"error: {exc}", file=sys.stderr)
        return 2
    result = model.result_
    print(
        f"{args.model} trained in {result.train_seconds:.0f} s ({result.epochs} epochs, best {result.best_epoch}, "
        f"validation NDCG@10 {result.valid.get('NDCG@10', 0):.4f}); active for this catalog: {folder}"
    )
    return 0


def cmd_simulate(args: argparse.Namespace) -> int:
    """Simulated shoppers against the finder: learning on vs off, or a labelled interaction log."""
    from recommender.jobs import simulator

    try:
        seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
        if args.shoppers < 1 or not seeds:
            raise ValueError("--shoppers must be at least 1 and --seeds must name at least one seed")
        store = CatalogStore()
        catalog = load_catalog(args.catalog, store=store)
    except (CatalogError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.log:
        written = simulator.write_log(Finder(catalog, store=store), args.log, args.shoppers, seeds, args.max_turns)
        print(f"wrote {written:,} events of {args.shoppers * len(seeds):,} {simulator.LABEL} to {args.log}")
        return 0

    def show(row: dict) -> None:
        print(
            f"seed {row['seed']}  {row['condition']:<40} success {row['success_rate']:.3f}  "
            f"mean turns to success {row['mean_turns_to_success']}",
            flush=True,
        )

    report = simulator.compare_learning(
        catalog, args.shoppers, seeds, store=store, max_turns=args.max_turns, report=show
    )
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


def _positive_seconds(text: str) -> float:
    """The argparse type of ``--time-budget``: a number of seconds above 0 (leaving the option out means no limit)."""
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not seconds > 0:  # also refuses nan
        raise argparse.ArgumentTypeError(f"must be more than 0 seconds, got {seconds:g}; omit it for no limit")
    return seconds


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m recommender", description="Conversational product finder.")
    commands = parser.add_subparsers(dest="command", required=True)
    inspect = commands.add_parser("inspect", help="show the inferred schema of a catalog file")
    inspect.add_argument("file", help="catalog file: CSV/TSV, Excel .xlsx, JSON or Parquet")
    inspect.add_argument("--json", action="store_true", help="print one JSON object")
    inspect.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="COLUMN=ROLE",
        help=f"override a column's role (remembered for this catalog); roles: {', '.join(ROLES)}",
    )
    inspect.add_argument(
        "--unit",
        action="append",
        default=[],
        metavar="COLUMN=UNIT",
        help="override a column's unit (remembered for this catalog)",
    )
    inspect.add_argument(
        "--concept",
        action="append",
        default=[],
        metavar="COLUMN=CONCEPT",
        help="what a column stands for, e.g. Memory=ram, Mass=weight (remembered for this catalog)",
    )
    inspect.add_argument(
        "--words",
        action="append",
        default=[],
        metavar="COLUMN=WORD,WORD",
        help="words shoppers use for a column, e.g. 'KM_driven=odometer,kms' (remembered for this catalog)",
    )
    inspect.add_argument("--currency", help="the price currency, e.g. INR, USD, EUR, SAR (remembered)")
    inspect.set_defaults(handler=cmd_inspect)
    parse = commands.add_parser("parse", help="constraints after each turn of a conversation")
    parse.add_argument("--catalog", required=True, help="catalog file the words are matched against")
    parse.add_argument("text", nargs="+", help="one shopper message per argument, in order")
    parse.add_argument("--json", action="store_true", help="print one JSON object")
    parse.add_argument("--lexicon-only", action="store_true", help="skip matching by meaning (faster start)")
    parse.set_defaults(handler=cmd_parse)
    prepare = commands.add_parser("prepare", help="embed a catalog's product texts now (resumable)")
    prepare.add_argument("file", help="catalog file")
    prepare.add_argument("--ship", action="store_true", help="also write them to data/vectors (the built-in catalog)")
    prepare.set_defaults(handler=cmd_prepare)
    recommend = commands.add_parser("recommend", help="rank the catalog for a conversation, with explanations")
    recommend.add_argument("--catalog", help="catalog file")
    recommend.add_argument("--query", action="append", default=[], help="one shopper message; repeat for more turns")
    recommend.add_argument("--top", type=int, default=5, help="how many results (default 5)")
    recommend.add_argument("--batch", help='JSON lines, each {"catalog": PATH, "turns": [...], "top": K}')
    recommend.add_argument("--json", action="store_true", help="print JSON (always JSON lines with --batch)")
    recommend.set_defaults(handler=cmd_recommend)
    bench = commands.add_parser("benchmark", help="train and evaluate preference models on a 'user item' file")
    bench.add_argument("--data", required=True, help="'user item' lines in time order (the SASRec format)")
    bench.add_argument(
        "--models", default="all", help="comma-separated: popularity,bpr,caser,gru4rec,lstm,sasrec or all"
    )
    bench.add_argument("--maxlen", type=int, default=50, help="history length the models read (default 50)")
    bench.add_argument(
        "--time-budget", type=_positive_seconds, help="seconds of training per model (default: no limit)"
    )
    bench.add_argument("--seed", type=int, default=42, help="random seed (default 42)")
    bench.add_argument(
        "--search",
        action="store_true",
        help="spend half of each network's time budget choosing among a few variations of its settings on "
        "validation (successive halving), then train the winner with the rest",
    )
    bench.add_argument("--json", required=True, help="where to write the results JSON")
    bench.set_defaults(handler=cmd_benchmark)
    train = commands.add_parser("train", help="train a catalog's preference model from its events")
    train.add_argument("--catalog", required=True, help="catalog file the events refer to (item_id = 0-based row)")
    train.add_argument(
        "--events", required=True, help="event database (events.sqlite3) or user_id,item_id,timestamp CSV"
    )
    train.add_argument("--model", default="hybrid", help="model to train (default hybrid: self-attention + content)")
    train.add_argument(
        "--time-budget", type=_positive_seconds, help="seconds of training (default: until it stops improving)"
    )
    train.add_argument("--out", help="folder to save into (default: the catalog's active model folder)")
    train.add_argument("--label", help="what the events are, saved with the model (default: the file name)")
    train.add_argument(
        "--cold-start",
        type=float,
        metavar="FRACTION",
        help="instead of training: hold out this share of products and compare sasrec with hybrid on them",
    )
    train.add_argument("--json", help="with --cold-start: also write the report here")
    train.set_defaults(handler=cmd_train)
    sim = commands.add_parser("simulate", help="simulated shoppers: success with in-session learning on vs off")
    sim.add_argument("--catalog", default=str(BUILTIN_CATALOG), help="catalog file (default: the built-in one)")
    sim.add_argument("--shoppers", type=int, default=200, help="shoppers per seed and condition (default 200)")
    sim.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    sim.add_argument("--max-turns", type=int, default=6, help="messages before a shopper gives up (default 6)")
    sim.add_argument("--log", help="instead of evaluating, write the shoppers' events as an interaction CSV")
    sim.add_argument("--json", help="also write the results as JSON")
    sim.set_defaults(handler=cmd_simulate)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.handler(args)
