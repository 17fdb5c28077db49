"""Seeds a company with pairing configs over the API, for the benchmark scripts.

As a module: seed(connection, path, key, count) creates `count` configs ("seed 1" ...) through an open
http.client connection and returns the public id of the first one. As a script:
    python3 scripts/lib/seed_configs.py PORT PATH KEY COUNT
does the same against 127.0.0.1:PORT and prints that id.
"""
import http.client
import json
import sys


def seed(connection, path, key, count):
    first = None
    for i in range(1, count + 1):
        body = {"name": f"seed {i}", "externalId": f"seed-{i}", "priority": i % 10,
                "workerMatch": {"isManager": False, "teamIds": [f"TM-AAAA-{i}", f"TM-BBBB-{i}"]},
                "taskMatch": {"taskTypes": ["answerInboundVoiceCall", "replyToNewText"],
                              "interaction": {"channels": ["voice", "text"], "directions": ["inbound"]}}}
        connection.request("POST", path, json.dumps(body), {"X-API-KEY": key, "Content-Type": "application/json"})
        response = connection.getresponse()
        data = json.loads(response.read())
        assert response.status == 200, data
        first = first or data["data"]["id"]
    return first


if __name__ == "__main__":
    port, path, key, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    print(seed(http.client.HTTPConnection("127.0.0.1", port), path, key, count))
