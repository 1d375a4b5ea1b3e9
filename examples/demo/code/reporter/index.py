import json
import os


def main_handler(event, context):
    report = {
        "source": os.environ.get("REPORT_SOURCE", "demo"),
        "records": len((event or {}).get("Records", [])),
    }
    print(json.dumps(report))
    return report
