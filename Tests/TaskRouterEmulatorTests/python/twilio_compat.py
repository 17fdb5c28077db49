#!/usr/bin/env python3
"""Drives a running twpc TaskRouter emulator with Twilio's official `twilio` package, unchanged.

usage: twilio_compat.py BASE_URL ACCOUNT_SID AUTH_TOKEN
       (or the environment variables TWPC_EMULATOR_URL, TWPC_EMULATOR_ACCOUNT_SID, TWPC_EMULATOR_AUTH_TOKEN)

Exits 0 and prints "OK <n> checks" when every check passes; otherwise prints the failed check and exits 1.
Exit status 3 means the `twilio` package is not installed.
"""
import json
import os
import sys

try:
    from twilio.base.exceptions import TwilioRestException
    from twilio.rest import Client
except ImportError as error:  # pragma: no cover - reported to the Swift test
    print(f"the twilio package is not installed: {error} (pip install twilio)", file=sys.stderr)
    sys.exit(3)

checks = 0


def check(condition, what):
    global checks
    checks += 1
    if not condition:
        raise AssertionError(what)


def expect_error(code, status, call, what):
    try:
        call()
    except TwilioRestException as error:
        check(error.code == code, f"{what}: code {error.code} != {code} ({error.msg})")
        check(error.status == status, f"{what}: status {error.status} != {status}")
        return error
    raise AssertionError(f"{what}: no TwilioRestException")


def client_for(base, account, token):
    client = Client(account, token)
    client.taskrouter.base_url = base
    return client


def main():
    args = sys.argv[1:]
    base = args[0] if len(args) > 0 else os.environ.get("TWPC_EMULATOR_URL")
    account = args[1] if len(args) > 1 else os.environ.get("TWPC_EMULATOR_ACCOUNT_SID")
    token = args[2] if len(args) > 2 else os.environ.get("TWPC_EMULATOR_AUTH_TOKEN")
    if not (base and account and token):
        print(__doc__, file=sys.stderr)
        return 2
    tr = client_for(base, account, token).taskrouter.v1

    # Workspaces.
    workspace = tr.workspaces.create(friendly_name="compat")
    check(workspace.sid.startswith("WS") and len(workspace.sid) == 34, "workspace sid")
    check(workspace.account_sid == account, "workspace account_sid")
    check(workspace.default_activity_name == "Offline", "default activity")
    check(workspace.date_created is not None and workspace.date_created.year >= 2000, "date_created parsed")
    ws = tr.workspaces(workspace.sid)

    # Authentication: a wrong token is 401 / 20003.
    stranger = client_for(base, account, "wrong-token").taskrouter.v1
    expect_error(20003, 401, lambda: stranger.workspaces(workspace.sid).fetch(), "wrong auth token")
    expect_error(20003, 401, lambda: stranger.workspaces.create(friendly_name="x"), "wrong auth token on create")
    check(ws.fetch().friendly_name == "compat", "workspace fetch")
    check(ws.update(friendly_name="compat 2").friendly_name == "compat 2", "workspace update")
    check(any(w.sid == workspace.sid for w in tr.workspaces.list()), "workspace list")
    activities = {a.friendly_name: a for a in ws.activities.list()}
    check(set(activities) == {"Offline", "Available"}, f"activities {sorted(activities)}")
    check(activities["Available"].available is True, "Available is available")

    # TaskQueues: create, list with paging, fetch, update, delete, errors.
    spanish = ws.task_queues.create(friendly_name="Spanish", target_workers='languages HAS "es"')
    check(spanish.target_workers == 'languages HAS "es"', "queue target_workers")
    for index in range(4):
        ws.task_queues.create(friendly_name=f"Extra {index}")
    queues = ws.task_queues.list(page_size=2)
    check(len(queues) == 5, f"queue list over pages: {len(queues)}")
    check([q.friendly_name for q in queues][:2] == ["Spanish", "Extra 0"], "queue order")
    page = ws.task_queues.page(page_size=2)
    check(len(list(page)) == 2, "first page size")
    second = page.next_page()
    check(second is not None and len(list(second)) == 2, "second page")
    third = second.next_page()
    check(third is not None and len(list(third)) == 1, "third page")
    check(third.next_page() is None, "no fourth page")
    check(len(list(ws.task_queues.stream(limit=3, page_size=2))) == 3, "stream with limit")
    check(len(ws.task_queues.list(friendly_name="Extra 2")) == 1, "queue list filter")
    check(ws.task_queues(spanish.sid).fetch().friendly_name == "Spanish", "queue fetch")
    renamed = ws.task_queues(spanish.sid).update(friendly_name="Spanish speakers")
    check(renamed.friendly_name == "Spanish speakers", "queue update")
    extra = [q for q in queues if q.friendly_name == "Extra 3"][0]
    check(ws.task_queues(extra.sid).delete() is True, "queue delete")
    expect_error(20404, 404, lambda: ws.task_queues(extra.sid).fetch(), "deleted queue fetch")
    error = expect_error(
        20001, 400, lambda: ws.task_queues.create(friendly_name="Bad", target_workers="languages HAS"), "bad expression"
    )
    check("expression" in error.msg.lower(), f"bad expression message names the error: {error.msg}")
    expect_error(20001, 400, lambda: ws.task_queues(spanish.sid).update(target_workers="a == (1"), "bad update")

    # Workflows.
    configuration = json.dumps(
        {
            "task_routing": {
                "filters": [
                    {
                        "filter_friendly_name": "Spanish loans",
                        "expression": 'type == "loan" AND language == "es"',
                        "targets": [{"queue": spanish.sid}],
                    }
                ],
                "default_filter": {"queue": queues[1].sid},
            }
        }
    )
    workflow = ws.workflows.create(friendly_name="Task-Worker Pairing", configuration=configuration)
    check(workflow.sid.startswith("WW"), "workflow sid")
    check(json.loads(workflow.configuration) == json.loads(configuration), "workflow configuration")
    check(len(ws.workflows.list()) == 1, "workflow list")
    check(ws.workflows(workflow.sid).fetch().friendly_name == "Task-Worker Pairing", "workflow fetch")
    updated = ws.workflows(workflow.sid).update(configuration=configuration, re_evaluate_tasks="true")
    check(updated.sid == workflow.sid, "workflow update")
    expect_error(
        20001, 400, lambda: ws.workflows.create(friendly_name="Bad", configuration="{not json"), "bad workflow JSON"
    )
    unknown = json.dumps({"task_routing": {"default_filter": {"queue": "WQ" + "0" * 32}}})
    expect_error(20001, 400, lambda: ws.workflows.create(friendly_name="Bad", configuration=unknown), "unknown queue")
    spare = ws.workflows.create(friendly_name="Spare", configuration=configuration)
    check(ws.workflows(spare.sid).delete() is True, "workflow delete")
    expect_error(20404, 404, lambda: ws.workflows(spare.sid).fetch(), "deleted workflow fetch")

    # Workers.
    available = activities["Available"].sid
    alice = ws.workers.create(
        friendly_name="alice", attributes=json.dumps({"languages": ["es", "en"]}), activity_sid=available
    )
    check(alice.available is True and alice.activity_name == "Available", "worker available")
    check(json.loads(alice.attributes) == {"languages": ["es", "en"]}, "worker attributes")
    bob = ws.workers.create(friendly_name="bob", attributes=json.dumps({"languages": ["en"]}))
    check(bob.available is False, "worker default activity is unavailable")
    expect_error(20001, 409, lambda: ws.workers.create(friendly_name="Alice"), "duplicate worker name")
    expect_error(20001, 400, lambda: ws.workers.create(friendly_name="carol", attributes="[1,"), "bad attributes")
    check(len(ws.workers.list(page_size=1)) == 2, "worker list over pages")
    check([w.friendly_name for w in ws.workers.list(available="true")] == ["alice"], "worker list Available filter")
    matching = ws.workers.list(target_workers_expression='languages HAS "es"')
    check([w.friendly_name for w in matching] == ["alice"], "worker list TargetWorkersExpression")
    check(json.loads(ws.workers(bob.sid).fetch().attributes) == {"languages": ["en"]}, "worker fetch")
    bob = ws.workers(bob.sid).update(attributes=json.dumps({"languages": ["fr"]}))
    check(json.loads(bob.attributes) == {"languages": ["fr"]}, "worker update")

    # Tasks: routed by the workflow, reserved for the matching available worker.
    task = ws.tasks.create(attributes=json.dumps({"type": "loan", "language": "es"}), workflow_sid=workflow.sid)
    check(task.sid.startswith("WT"), "task sid")
    check(task.task_queue_sid == spanish.sid, f"task routed to the Spanish queue: {task.task_queue_sid}")
    check(task.assignment_status == "reserved", f"task reserved: {task.assignment_status}")
    reservations = ws.tasks(task.sid).reservations.list()
    check(len(reservations) == 1 and reservations[0].worker_sid == alice.sid, "reservation for alice")
    accepted = ws.tasks(task.sid).reservations(reservations[0].sid).update(reservation_status="accepted")
    check(accepted.reservation_status == "accepted", "reservation accepted")
    check(ws.tasks(task.sid).fetch().assignment_status == "assigned", "task assigned")
    check(len(ws.workers(alice.sid).reservations.list()) == 1, "reservations under the worker")
    other = ws.tasks.create(attributes=json.dumps({"type": "card"}), workflow_sid=workflow.sid)
    check(other.task_queue_sid == queues[1].sid and other.assignment_status == "pending", "default filter")
    check(len(ws.tasks.list(assignment_status=["pending", "assigned"], page_size=1)) == 2, "task list over pages")
    check(len(ws.tasks.list(assignment_status=["pending"])) == 1, "task list status filter")
    completed = ws.tasks(task.sid).update(assignment_status="completed", reason="done")
    check(completed.assignment_status == "completed", "task completed")
    expect_error(
        20001, 400, lambda: ws.tasks(task.sid).update(assignment_status="canceled"), "cancel a completed task"
    )
    expect_error(20001, 400, lambda: ws.tasks.create(attributes="nope", workflow_sid=workflow.sid), "bad task attributes")
    check(ws.tasks(other.sid).delete() is True, "task delete")
    expect_error(20404, 404, lambda: ws.tasks(other.sid).fetch(), "deleted task fetch")
    check(ws.workers(bob.sid).delete() is True, "worker delete")
    expect_error(20404, 404, lambda: ws.workers(bob.sid).fetch(), "deleted worker fetch")

    # Clean up.
    check(ws.delete() is True, "workspace delete")
    expect_error(20404, 404, lambda: ws.fetch(), "deleted workspace fetch")
    print(f"OK {checks} checks")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as failure:
        print(f"FAILED after {checks} checks: {failure}", file=sys.stderr)
        sys.exit(1)
