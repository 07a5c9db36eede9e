// A named door of @rift/core for processes that only score text (`rift analyze` and its worker
// threads): the configuration and the topic pack, without the clients, queues, metrics and tables
// the front door (src/index.ts) also loads, which cost about a second of tsx start-up here.
export { loadConfig } from './config.ts';
export { loadTopicPack, type TopicPack } from './topic-pack.ts';
