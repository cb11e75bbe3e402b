// A bare NestJS app on the Fastify adapter: one POST route with a class-validator DTO (whitelist,
// unknown fields refused, as the API's), dispatched through the @nestjs/cqrs CommandBus to a
// handler that does no work. What the framework alone costs per command on this machine: the
// ceiling for any API built on it here. Plain JS, so decorators are applied by hand.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Post, ValidationPipe } from '@nestjs/common';
import { CommandBus, CommandHandler, CqrsModule } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { randomUUID } from 'node:crypto';

class CaptureLeadDto {}
for (const field of ['source', 'company', 'ownerId']) {
  for (const decorate of [IsString(), IsNotEmpty(), MaxLength(200)])
    decorate(CaptureLeadDto.prototype, field);
}

class CaptureLead {
  constructor(input) {
    this.input = input;
  }
}

class CaptureLeadHandler {
  async execute() {
    return { leadId: randomUUID(), version: 1, position: 1 };
  }
}
CommandHandler(CaptureLead)(CaptureLeadHandler);

class LeadsController {
  constructor(commands) {
    this.commands = commands;
  }
  capture(body) {
    return this.commands.execute(new CaptureLead(body));
  }
}
Reflect.defineMetadata('design:paramtypes', [CommandBus], LeadsController);
Reflect.defineMetadata('design:paramtypes', [CaptureLeadDto], LeadsController.prototype, 'capture');
const capture = Object.getOwnPropertyDescriptor(LeadsController.prototype, 'capture');
Post()(LeadsController.prototype, 'capture', capture);
HttpCode(201)(LeadsController.prototype, 'capture', capture);
Body()(LeadsController.prototype, 'capture', 0);
Controller('v1/leads')(LeadsController);

class AppModule {}
Module({ imports: [CqrsModule.forRoot()], controllers: [LeadsController], providers: [CaptureLeadHandler] })(
  AppModule,
);

const app = await NestFactory.create(AppModule, new FastifyAdapter(), { logger: false });
app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
await app.listen(Number(process.env.PORT), '127.0.0.1');
console.log('READY');
