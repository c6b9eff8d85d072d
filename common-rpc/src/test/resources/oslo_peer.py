#!/usr/bin/python3
"""An oslo.messaging peer for Basalt's interoperability test (run with the Debian python3-oslo.messaging).

client mode: calls and casts to a Java server, prints one JSON object with what came back.
server mode: serves `echo` and `fail` until stdin closes; prints READY once listening.
"""
import argparse
import json
import logging
import sys
import threading

from oslo_config import cfg
import oslo_messaging as om


def make_transport(url):
    conf = cfg.CONF  # the global one: oslo.messaging registers some options (metrics) only there
    conf([], project='basalt-oslo-peer')
    return om.get_rpc_transport(conf, url=url)


def run_client(args):
    transport = make_transport(args.url)
    target = om.Target(exchange=args.exchange, topic=args.topic, server=args.server, version='1.0')
    client = om.RPCClient(transport, target, timeout=15)
    ctxt = {'request_id': 'req-python-1', 'user_id': 'py-user', 'project_id': 'py-project',
            'roles': ['member', 'reader'], 'is_admin': False}
    out = {}
    out['add'] = client.call(ctxt, 'add', a=2, b=40)
    out['who_am_i'] = client.call(ctxt, 'who_am_i')
    out['describe_pool'] = client.call(ctxt, 'describe_pool',
                                       pool={'pool_name': 'p', 'free_capacity_gb': 21,
                                             'updated_at': '2026-11-21T23:47:36Z', 'tags': ['ssd']},
                                       suffix='-py')
    try:
        client.call(ctxt, 'fail_with', volume_id='v-py')
        out['fail_with'] = None
    except om.RemoteError as e:
        out['fail_with'] = {'exc_type': e.exc_type, 'value': e.value}
    try:
        client.call(ctxt, 'no_such_method')
        out['no_such_method'] = None
    except om.RemoteError as e:
        out['no_such_method'] = {'exc_type': e.exc_type, 'value': e.value}
    client.cast(ctxt, 'record', id='py-cast-1')
    print(json.dumps(out))
    sys.stdout.flush()
    transport.cleanup()


class Endpoint(object):
    target = om.Target(version='1.5')

    def echo(self, ctxt, **kwargs):
        keep = ('request_id', 'global_request_id', 'user_id', 'project_id', 'user', 'tenant', 'roles', 'is_admin')
        return {'args': kwargs, 'ctxt': {k: ctxt.get(k) for k in keep}}

    def fail(self, ctxt, message):
        raise ValueError(message)


def run_server(args):
    transport = make_transport(args.url)
    target = om.Target(exchange=args.exchange, topic=args.topic, server=args.server)
    server = om.get_rpc_server(transport, target, [Endpoint()], executor='threading',
                               access_policy=om.DefaultRPCAccessPolicy)
    server.start()
    print('READY')
    sys.stdout.flush()
    sys.stdin.read()  # until the test closes our stdin
    server.stop()
    server.wait()
    transport.cleanup()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('mode', choices=['client', 'server'])
    parser.add_argument('--url', required=True)
    parser.add_argument('--exchange', required=True)
    parser.add_argument('--topic', required=True)
    parser.add_argument('--server')
    args = parser.parse_args()
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    if args.mode == 'client':
        run_client(args)
    else:
        run_server(args)


if __name__ == '__main__':
    main()
