import { Client } from "minio";
import type { FileStore } from "./file-store.js";

export interface S3Settings {
  /** e.g. https://oss-cn-hangzhou.aliyuncs.com or http://127.0.0.1:9000 */
  endpoint: string;
  bucket: string;
  region: string;
  accessKey: string;
  secretKey: string;
}

/** Files in an S3-compatible object store (MinIO, Alibaba OSS, Huawei OBS, …), one object per key. */
export class S3FileStore implements FileStore {
  private readonly client: Client;

  constructor(private readonly settings: S3Settings) {
    const url = new URL(settings.endpoint);
    this.client = new Client({
      endPoint: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      useSSL: url.protocol === "https:",
      region: settings.region,
      accessKey: settings.accessKey,
      secretKey: settings.secretKey,
      pathStyle: true,
    });
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    await this.client.putObject(this.settings.bucket, key, bytes, bytes.length);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const stream = await this.client.getObject(this.settings.bucket, key);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks);
    } catch (error) {
      if ((error as { code?: string }).code === "NoSuchKey") return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    // S3 answers a DELETE of a missing object with success too.
    await this.client.removeObject(this.settings.bucket, key);
  }
}
