"""Annotate NDJSON news on Spark: every partition is piped through `newsnlp run`.

    spark-submit --files target/release/newsnlp examples/spark/newsnlp_job.py \
        'hdfs:///news/2016/*.jsonl.gz' hdfs:///news-annotated/2016

`newsnlp run` is a stdin -> stdout NDJSON filter that keeps line order, which is exactly what
`RDD.pipe` runs: each task starts one `newsnlp` process, streams its partition's lines in and
reads the annotated lines back. Nothing else is needed on the workers (the binary links only
the C runtime: libc, libm, libgcc_s; models are embedded). See README.md in this folder for
shipping the binary.
"""

import argparse
import os
import shlex

from pyspark import SparkFiles
from pyspark.sql import SparkSession


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
    args = parser.parse_args()

    spark = SparkSession.builder.appName("newsnlp").getOrCreate()
    sc = spark.sparkContext

    command = [newsnlp_path(sc, args.binary), "run", "-q", "-j", str(args.threads)]
    if args.stages:
        command += ["--stages", args.stages]
    if args.published:
        command += ["--published", args.published]

    lines = sc.textFile(args.input)
    if args.partitions:
        lines = lines.repartition(args.partitions)
    # checkCode: a failing newsnlp (it exits non-zero only when it cannot run at all; bad
    # lines become error records) fails the task instead of losing its partition.
    annotated = lines.pipe(shlex.join(command), env={"PATH": "/usr/bin:/bin"}, checkCode=True)
    codec = "org.apache.hadoop.io.compress.GzipCodec" if args.compress else None
    annotated.saveAsTextFile(args.output, compressionCodecClass=codec)
    spark.stop()


if __name__ == "__main__":
    main()
