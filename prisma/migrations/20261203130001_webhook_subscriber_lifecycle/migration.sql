-- AlterTable
ALTER TABLE "WebhookSubscriber" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "secretRotatedAt" TIMESTAMP(3);
