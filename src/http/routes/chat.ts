import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ChatAnswerSchema, ChatBody, ConversationSchema } from '../../../contract/chat.ts';
import { ProblemSchema } from '../../../contract/problem.ts';
import { type ChatServices, chat } from '../../app/chat.ts';
import { getConversation } from '../../app/get-conversation.ts';
import type { AppDeps } from '../../ports/index.ts';
import { actorOf } from '../plugins/auth.ts';

const IdParams = z.object({ id: z.string().max(100) });
const errors = { 400: ProblemSchema, 401: ProblemSchema, 404: ProblemSchema };

export async function chatRoutes(app: FastifyInstance, deps: AppDeps, services: ChatServices): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['assistant'];

  r.post(
    '/api/chat',
    {
      schema: {
        tags,
        summary: 'Talk to the assistant',
        description:
          'Say what to do in plain words ("add call mom every sunday at 6pm", "what\'s overdue?", ' +
          '"move my dentist task to friday 3pm"). The assistant acts through the same tools as /mcp and ' +
          'answers with a reply built from what they returned, and the tool calls themselves. Send the ' +
          "answer's `conversationId` with the next message to continue the conversation (it is stored: " +
          'a clarifying question can be answered later, on any server).',
        body: ChatBody,
        response: { 200: ChatAnswerSchema, 409: ProblemSchema, ...errors },
      },
    },
    async (req) => chat(deps, services, actorOf(req), req.body),
  );

  r.get(
    '/api/chat/:id',
    {
      schema: {
        tags,
        summary: 'A stored conversation with the assistant',
        params: IdParams,
        response: { 200: ConversationSchema, ...errors },
      },
    },
    async (req) => {
      const conversation = await getConversation(services.conversations, actorOf(req), req.params.id);
      return {
        id: conversation.id,
        messages: conversation.messages,
        createdAt: conversation.createdAt.toISOString(),
        updatedAt: conversation.updatedAt.toISOString(),
      };
    },
  );
}
