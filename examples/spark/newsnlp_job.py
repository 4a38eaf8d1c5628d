"""Annotate NDJSON news on Spark: every partition is piped through `newsnlp run`.

    spark-submit --files target/release/newsnlp examples/spark/newsnlp_job.py \
        'hdfs:///news/2016/*.jsonl.gz' hdfs:///news-annotated/2016

`newsnlp run` is a stdin -> stdout NDJSON filter that keeps line order, which is exactly what
`RDD.pipe` runs: each task starts one `newsnlp` process, streams its partition's lines in and
reads the annotated lines back. Nothing else is needed on the workers (the binary links only
the C runtime: libc, libm, libgcc_s; models are embedded). See README.md in this folder for
shipping the binary.

With `--tables DIR` it also builds the `quotations` and `speakers` tables of `newsnlp corpus`
from the annotated stories: `newsnlp corpus --step occurrences` gives each document's quote
rows with their keys, DataFrame group-bys count them, and the two cross-document merges run as
`newsnlp corpus --step speakers` / `--step quotations` over partitions that hold whole surnames
and whole speakers (README.md, "Corpus tables").
"""

import argparse
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import functions as F
from pyspark.sql.types import StringType, StructField, StructType

# What the job reads of each step's rows (other fields are ignored).
OCCURRENCE = (
    "line long, index long, doc_id string, date string, agency string, speaker string, "
    "surname string, quotation string, quote string"
)
SPEAKER_OF_NAME = "speaker string, speaker_key string, name string, variants string"
QUOTATION_ROOT = "speaker_key string, quotation string, root string"
PIPE_ENV = {"PATH": "/usr/bin:/bin"}


def newsnlp_path(sc, binary):
    """Where the executors find the binary.

    A path (with a `/`) is used as it is: the binary is installed there on every worker.
    A bare name is a file shipped with `--files` (or `sc.addFile`): on a cluster Spark puts it
    in each executor's working directory; in local mode executors share the driver's
    SparkFiles directory.
    """
    if "/" in binary:
        return binary
    if sc.master.startswith("local"):
        return os.path.join(SparkFiles.getRootDirectory(), binary)
    return "./" + binary


def in_input_order(lines, partitions):
    """`partitions` ranges of consecutive lines, in order: unlike `repartition`, input order
    survives, so first appearances (ids, first documents) are those of the input."""
    total = max(lines.count(), 1)
    indexed = lines.zipWithIndex().map(lambda pair: (pair[1], pair[0]))
    return indexed.repartitionAndSortWithinPartitions(
        partitions, lambda i: i * partitions // total
    ).values()


def piped_rows(spark, rdd, command, schema, partition=False):
    """The NDJSON rows `command` writes for each partition of `rdd` (JSON strings), parsed.
    With `partition`, each row also gets its partition's index as `part`."""
    out = rdd.pipe(shlex.join(command), env=PIPE_ENV, checkCode=True)
    if partition:
        pairs = out.mapPartitionsWithIndex(lambda part, rows: ((part, row) for row in rows))
        df = spark.createDataFrame(pairs, "part long, row string")
        return df.select("part", F.from_json("row", schema).alias("r")).select("part", "r.*")
    df = spark.createDataFrame(out.map(lambda row: (row,)), "row string")
    return df.select(F.from_json("row", schema).alias("r")).select("r.*")


def as_json(df):
    """The rows as JSON strings, partitions kept (what `piped_rows` pipes)."""
    return df.select(F.to_json(F.struct(*df.columns))).rdd.map(lambda row: row[0])


def numbered(spark, df, prefix, column):
    """Ids by first appearance (`first`), as `newsnlp corpus` numbers them: a distributed sort
    then `zipWithIndex`, never one partition holding everything."""
    schema = StructType(df.schema.fields + [StructField(column, StringType())])
    rows = df.orderBy("first").rdd.zipWithIndex()
    return spark.createDataFrame(rows.map(lambda p: (*p[0], f"{prefix}{p[1] + 1}")), schema)


def seen(count_name):
    """How often, in how many documents and when: the columns `Seen` counts in Rust. The first
    date is the earliest non-empty one (ties: first in input order), else the first's."""
    return [
        F.count("*").alias(count_name),
        F.countDistinct("doc").alias("documents"),
        F.min("at").alias("first"),
        F.min(F.struct((F.col("date") == "").alias("undated"), "date", "at", "doc_id")).alias(
            "seen"
        ),
        F.max("date").alias("last_date"),
    ]


def occurrences(spark, annotated, newsnlp):
    """Pass 1: every quote with its keys, in input order (`at`), each with its speaker."""
    occ = piped_rows(
        spark, annotated, newsnlp + ["corpus", "--step", "occurrences", "-q"], OCCURRENCE, True
    )
    occ = occ.withColumn("at", F.struct("part", "line", "index")).withColumn(
        "doc", F.struct("part", "line")
    )
    # Pass 2 for speakers: the names of one surname meet in one partition; Rust merges them.
    names = (
        occ.where(F.col("surname").isNotNull())
        .groupBy("surname", "speaker")
        .agg(F.count("*").alias("quotes"), F.min("at").alias("first"))
    )
    by_surname = names.repartition("surname").sortWithinPartitions("first")
    resolved = piped_rows(
        spark,
        as_json(by_surname.select("speaker", "quotes")),
        newsnlp + ["corpus", "--step", "speakers"],
        SPEAKER_OF_NAME,
    ).cache()
    occ = occ.join(resolved.select("speaker", "speaker_key"), "speaker", "left")
    return occ.fillna("", ["speaker_key"]).cache(), resolved


def quotation_roots(spark, occ, newsnlp):
    """Pass 2 for quotations: the keys of one speaker meet in one partition; Rust joins each
    to its longest container. Also the text each key shows (its first occurrence's)."""
    keys = occ.groupBy("speaker_key", "quotation").agg(
        F.min("at").alias("first"), F.min(F.struct("at", "quote"))["quote"].alias("text")
    )
    by_speaker = keys.repartition("speaker_key").sortWithinPartitions("first")
    roots = piped_rows(
        spark,
        as_json(by_speaker.select("speaker_key", "quotation")),
        newsnlp + ["corpus", "--step", "quotations"],
        QUOTATION_ROOT,
    )
    return roots, keys.select("speaker_key", F.col("quotation").alias("root"), "text")


def corpus_tables(spark, annotated, newsnlp):
    """The `quotations` and `speakers` tables of `newsnlp corpus`, same columns and ids."""
    occ, resolved = occurrences(spark, annotated, newsnlp)
    roots, texts = quotation_roots(spark, occ, newsnlp)
    occ = occ.join(roots, ["speaker_key", "quotation"])
    agencies = F.collect_set(F.when(F.col("agency") != "", F.col("agency")))
    quotations = occ.groupBy("speaker_key", "root").agg(
        *seen("occurrences"), F.array_join(F.array_sort(agencies), "; ").alias("agencies")
    )
    quotations = numbered(spark, quotations.join(texts, ["speaker_key", "root"]), "Q", "id")
    per_speaker = quotations.groupBy("speaker_key").agg(F.count("*").alias("quotations"))
    names = resolved.select("speaker_key", "name", "variants").distinct()
    speakers = occ.where(F.col("speaker_key") != "").groupBy("speaker_key").agg(*seen("quotes"))
    speakers = speakers.join(per_speaker, "speaker_key").join(names, "speaker_key")
    speakers = numbered(spark, speakers, "S", "id").cache()
    speaker_of = speakers.select("speaker_key", F.col("id").alias("speaker_id"), "name")
    quotations = quotations.join(speaker_of, "speaker_key", "left").fillna(
        "", ["speaker_id", "name"]
    )
    return (
        quotations.select(
            F.col("id").alias("quotation_id"), "speaker_id", F.col("name").alias("speaker"),
            F.col("text").alias("quotation"), "occurrences", "documents",
            F.col("seen.date").alias("first_date"), F.col("seen.doc_id").alias("first_doc_id"),
            "last_date", "agencies",
        ),
        speakers.select(
            F.col("id").alias("speaker_id"), F.col("name").alias("speaker"), "variants",
            "quotes", "quotations", "documents", F.col("seen.date").alias("first_date"),
            "last_date",
        ),
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input", help="NDJSON path, glob or comma-separated list (.gz is fine)")
    parser.add_argument("output", help="output directory (part-NNNNN files, NDJSON)")
    parser.add_argument(
        "--binary",
        default="newsnlp",
        help="the name of the binary shipped with --files, or its path on every worker",
    )
    parser.add_argument("--stages", help="passed to `newsnlp run --stages`")
    parser.add_argument("--published", help="passed to `newsnlp run --published`")
    parser.add_argument(
        "--threads",
        type=int,
        default=1,
        help="`newsnlp run -j` per task (match spark.task.cpus; Spark parallelises over tasks)",
    )
    parser.add_argument("--partitions", type=int, help="repartition the input first")
    parser.add_argument("--compress", action="store_true", help="write gzip part files")
    parser.add_argument(
        "--tables",
        metavar="DIR",
        help="also write the `quotations` and `speakers` tables of `newsnlp corpus` (NDJSON "
        "part files in DIR/quotations, DIR/speakers)",
    )
    args = parser.parse_args()

    spark = SparkSession.builder.appName("newsnlp").getOrCreate()
    sc = spark.sparkContext

    newsnlp = [newsnlp_path(sc, args.binary)]
    command = newsnlp + ["run", "-q", "-j", str(args.threads)]
    if args.stages:
        command += ["--stages", args.stages]
    if args.published:
        command += ["--published", args.published]

    lines = sc.textFile(args.input)
    if args.partitions:
        lines = in_input_order(lines, args.partitions)
    # checkCode: a failing newsnlp (it exits non-zero only when it cannot run at all; bad
    # lines become error records) fails the task instead of losing its partition.
    annotated = lines.pipe(shlex.join(command), env=PIPE_ENV, checkCode=True)
    if args.tables:
        annotated = annotated.cache()
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    annotated.saveAsTextFile(args.output, compressionCodecClass=codec)
    if args.tables:
        quotations, speakers = corpus_tables(spark, annotated, newsnlp)
        quotations.write.mode("overwrite").json(os.path.join(args.tables, "quotations"))
        speakers.write.mode("overwrite").json(os.path.join(args.tables, "speakers"))
    spark.stop()


if __name__ == "__main__":
    main()
